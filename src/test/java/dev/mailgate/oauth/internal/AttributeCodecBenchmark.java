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
 * Storing and reading back an access token's metadata (its claims and flags): every token
 * request writes it, every refresh reads it. Run with
 * {@code bench/jmh.sh AttributeCodec}; the figures are in docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AttributeCodecBenchmark {

	private final Map<String, Object> metadata = AttributeCodecTests
		.accessTokenMetadata(Instant.parse("2026-11-29T12:00:00Z"));

	private final byte[] stored = AttributeCodec.write(this.metadata, true);

	@Benchmark
	public byte[] writeAccessTokenMetadata() {
		return AttributeCodec.write(this.metadata, true);
	}

	@Benchmark
	public Map<String, Object> readAccessTokenMetadata() {
		return AttributeCodec.read(this.stored);
	}

}
