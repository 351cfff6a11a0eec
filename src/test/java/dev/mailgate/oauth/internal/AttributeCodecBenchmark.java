package dev.mailgate.oauth.internal;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Storing and reading back an access token's metadata (its claims and flags), and a
 * person's grant (who granted it, the authorization request): every token request writes
 * the metadata, every code exchange and refresh reads both back. The grant also with Java
 * serialization, as with {@code mailgate.oauth.compact-token-metadata=false}. Run with
 * {@code bench/jmh.sh AttributeCodec}; the figures are in docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AttributeCodecBenchmark {

	private final Map<String, Object> metadata = AttributeCodecTests
		.accessTokenMetadata(Instant.parse("2026-11-29T12:00:00Z"));

	private final byte[] stored = AttributeCodec.write(this.metadata, true);

	private final Map<String, Object> grant = AttributeCodecTests.codeGrantAttributes();

	private final byte[] grantCompact = AttributeCodec.write(this.grant, true);

	private final byte[] grantSerialized = AttributeCodec.write(this.grant, false);

	@Benchmark
	public byte[] writeAccessTokenMetadata() {
		return AttributeCodec.write(this.metadata, true);
	}

	@Benchmark
	public Map<String, Object> readAccessTokenMetadata() {
		return AttributeCodec.read(this.stored);
	}

	@Benchmark
	public byte[] writeGrantAttributes() {
		return AttributeCodec.write(this.grant, true);
	}

	@Benchmark
	public Map<String, Object> readGrantAttributes() {
		return AttributeCodec.read(this.grantCompact);
	}

	@Benchmark
	public byte[] writeGrantAttributesJavaSerialized() {
		return AttributeCodec.write(this.grant, false);
	}

	@Benchmark
	public Map<String, Object> readGrantAttributesJavaSerialized() {
		return AttributeCodec.read(this.grantSerialized);
	}

}
