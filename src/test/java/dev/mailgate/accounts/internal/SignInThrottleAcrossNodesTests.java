package dev.mailgate.accounts.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mailgate.support.MovableClock;
import dev.mailgate.ratelimit.internal.RedisCountersForTests;
import dev.mailgate.ratelimit.internal.RedisCountersForTests.Node;
import dev.mailgate.support.Eventually;
import dev.mailgate.support.RequiresRedis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes, as behind a load balancer, share one count of failed sign-ins through Redis:
 * an attacker who spreads guesses over them meets one threshold, not one per node.
 */
class SignInThrottleAcrossNodesTests {

	private static final AccountsProperties SETTINGS = new AccountsProperties(12,
			new AccountsProperties.SignIn(3, 10, Duration.ofSeconds(15), Duration.ofMinutes(15), Duration.ofHours(1)));

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T10:00:00Z"));

	private final AtomicInteger addresses = new AtomicInteger();

	private final long run = ThreadLocalRandom.current().nextLong(1L << 48);

	private final String email = "ada-" + UUID.randomUUID() + "@example.com";

	@Test
	@RequiresRedis
	void failuresSpreadOverTwoNodesReachTheThresholdTogether() {
		try (Node a = RedisCountersForTests.node(); Node b = RedisCountersForTests.node()) {
			SignInThrottle nodeA = new SignInThrottle(SETTINGS, this.clock, a.counters());
			SignInThrottle nodeB = new SignInThrottle(SETTINGS, this.clock, b.counters());

			nodeA.failed(this.email, address());
			nodeB.failed(this.email, address());
			assertThat(nodeA.waitFor(this.email, address())).isEmpty();
			nodeA.failed(this.email, address());

			assertThat(Eventually.until(() -> nodeB.waitFor(this.email, address()), Optional::isPresent))
				.contains(Duration.ofSeconds(15));
		}
	}

	@Test
	@RequiresRedis
	void aSuccessfulSignInOnOneNodeClearsTheAccountOnTheOther() {
		try (Node a = RedisCountersForTests.node(); Node b = RedisCountersForTests.node()) {
			SignInThrottle nodeA = new SignInThrottle(SETTINGS, this.clock, a.counters());
			SignInThrottle nodeB = new SignInThrottle(SETTINGS, this.clock, b.counters());
			for (int i = 0; i < 3; i++) {
				nodeA.failed(this.email, address());
			}
			assertThat(Eventually.until(() -> nodeB.waitFor(this.email, address()), Optional::isPresent)).isPresent();

			nodeB.succeeded(this.email);

			assertThat(Eventually.until(() -> nodeA.waitFor(this.email, address()), Optional::isEmpty)).isEmpty();
		}
	}

	@Test
	void whileRedisIsAwayAndFailingOpenEachNodeCountsAlone() {
		try (Node down = RedisCountersForTests.node(RedisCountersForTests.NOWHERE, true)) {
			SignInThrottle node = new SignInThrottle(SETTINGS, this.clock, down.counters());
			for (int i = 0; i < 3; i++) {
				assertThat(node.waitFor(this.email, address())).isEmpty();
				node.failed(this.email, address());
			}

			assertThat(node.waitFor(this.email, address())).contains(Duration.ofSeconds(15));
		}
	}

	@Test
	void whileRedisIsAwayAndFailingClosedEveryAttemptWaits() {
		try (Node down = RedisCountersForTests.node(RedisCountersForTests.NOWHERE, false)) {
			SignInThrottle node = new SignInThrottle(SETTINGS, this.clock, down.counters());

			assertThat(node.waitFor(this.email, address())).contains(Duration.ofSeconds(5));
		}
	}

	/**
	 * Each attempt from another address, so that only the account's count decides; new
	 * ones in every run, since Redis keeps a run's failures for an hour.
	 */
	private String address() {
		return "2001:db8:%x::%x".formatted(this.run, this.addresses.incrementAndGet());
	}

}
