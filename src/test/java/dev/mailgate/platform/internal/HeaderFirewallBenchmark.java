package dev.mailgate.platform.internal;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The firewall's checks of an introspection request's headers as the load script sends
 * it, each name and value once: with Spring Security's regular expressions, and with
 * {@link HeaderFirewall}'s rules. Run with {@code bench/jmh.sh HeaderFirewall}; the
 * figures are in docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HeaderFirewallBenchmark {

	private final String[] headers = { "Host", "127.0.0.1:18080", "Authorization",
			"Basic bWdjXzdxUjRzOVhwTDJ2Tjh3S2NZM2ZIMGpCNm1UNWRBMXpFNG9VOXJHMmlWOjdxUjRzOVhwTDJ2Tjh3S2NZM2ZIMGpCNm1UNWRBMXpFNG9VOXJH",
			"Content-Type", "application/x-www-form-urlencoded", "Content-Length", "134" };

	@Benchmark
	public int springSecuritysExpressions() {
		int allowed = 0;
		for (int i = 0; i < this.headers.length; i += 2) {
			allowed += HeaderFirewall.NAME.matcher(this.headers[i]).matches() ? 1 : 0;
			allowed += HeaderFirewall.VALUE.matcher(this.headers[i + 1]).matches() ? 1 : 0;
		}
		return allowed;
	}

	@Benchmark
	public int mailgatesRules() {
		int allowed = 0;
		for (int i = 0; i < this.headers.length; i += 2) {
			allowed += HeaderFirewall.ALLOWED_NAMES.test(this.headers[i]) ? 1 : 0;
			allowed += HeaderFirewall.ALLOWED_VALUES.test(this.headers[i + 1]) ? 1 : 0;
		}
		return allowed;
	}

}
