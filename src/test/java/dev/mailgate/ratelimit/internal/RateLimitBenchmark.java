package dev.mailgate.ratelimit.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.mailgate.ratelimit.internal.Limiter.OnFailure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * What the in-memory rate limits cost a request: at the token endpoint two look-ups of
 * failed client authentications (none on record) and one request taken from the app's
 * budget; on the API one request taken from the app's budget in its workspace. Two
 * threads, one app, as bench/load.sh drives the server. Run with
 * {@code bench/jmh.sh RateLimit}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(2)
public class RateLimitBenchmark {

	private final Policies policies = new Policies(
			new Policies.Defaults(Budget.of(Policies.TOKEN_ENDPOINT, 1_000_000_000, Duration.ofSeconds(60)),
					Budget.of(Policies.API, 1_000_000_000, Duration.ofSeconds(10)),
					Budget.of(Policies.SIGN_IN_IP, 100, Duration.ofMinutes(5)),
					Budget.of(Policies.SIGN_IN_ACCOUNT, 10, Duration.ofMinutes(5)),
					Budget.of(Policies.CLIENT_AUTH_IP, 30, Duration.ofMinutes(10)),
					Budget.of(Policies.CLIENT_AUTH_CLIENT, 60, Duration.ofMinutes(10))));

	private final Limiter limiter = new Limiter(new LocalBuckets(100_000), OnFailure.OPEN, new SimpleMeterRegistry());

	private final String clientId = "mgapp-4htk8zgsbabn18ygeqh5";

	private final Object workspace = "0192f0c4-5a6e-7b8c-9d0e-1f2a3b4c5d6e";

	@Benchmark
	public Decision tokenEndpoint() {
		this.limiter.peek(this.policies.clientAuthPerIp(), "127.0.0.1");
		this.limiter.peek(this.policies.clientAuthPerClient(), this.clientId);
		return this.limiter.take(this.policies.tokenEndpoint(this.clientId), this.clientId);
	}

	@Benchmark
	public Decision api() {
		return this.limiter.take(this.policies.api(this.clientId), this.clientId + ' ' + this.workspace);
	}

}
