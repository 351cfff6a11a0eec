package dev.mailgate.apps.internal;

import java.util.concurrent.TimeUnit;

import dev.mailgate.platform.CredentialFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Checking a presented client secret: Mailgate's scheme (format and checksum, SHA-256,
 * constant time comparison) against Spring Security's default, bcrypt at strength 10. Run
 * with {@code bench/jmh.sh}; the figures are in docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClientAuthenticationBenchmark {

	private String secret;

	private SecretHash stored;

	private String bcryptHash;

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

	@Setup
	public void createSecret() {
		this.secret = CredentialFormat.generate(CredentialFormat.CLIENT_SECRET);
		this.stored = SecretHash.of(this.secret);
		this.bcryptHash = this.bcrypt.encode(this.secret);
	}

	@Benchmark
	public boolean mailgateSecretCheck() {
		return CredentialFormat.isWellFormed(this.secret, CredentialFormat.CLIENT_SECRET)
				&& this.stored.matches(SecretHash.of(this.secret));
	}

	@Benchmark
	public boolean bcryptDefaultStrength() {
		return this.bcrypt.matches(this.secret, this.bcryptHash);
	}

}
