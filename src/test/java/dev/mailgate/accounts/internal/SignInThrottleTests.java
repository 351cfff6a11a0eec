package dev.mailgate.accounts.internal;

import java.time.Duration;
import java.time.Instant;

import dev.mailgate.platform.MemoryCounters;
import dev.mailgate.support.MovableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTests {

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T10:00:00Z"));

	private final SignInThrottle throttle = new SignInThrottle(new AccountsProperties(12,
			new AccountsProperties.SignIn(3, 10, Duration.ofSeconds(15), Duration.ofMinutes(15), Duration.ofHours(1))),
			this.clock, new MemoryCounters());

	@Test
	void letsAttemptsThroughBelowTheThreshold() {
		this.throttle.failed("ada@example.com", "10.0.0.1");
		this.throttle.failed("ada@example.com", "10.0.0.2");

		assertThat(this.throttle.waitFor("ada@example.com", "10.0.0.3")).isEmpty();
	}

	@Test
	void doublesTheWaitWithEveryFailureAfterTheThresholdUpToTheMaximum() {
		fail(3);
		assertThat(this.throttle.waitFor("ADA@example.com", "10.0.0.9")).contains(Duration.ofSeconds(15));
		fail(1);
		assertThat(this.throttle.waitFor("ada@example.com", "10.0.0.9")).contains(Duration.ofSeconds(30));
		fail(10);
		assertThat(this.throttle.waitFor("ada@example.com", "10.0.0.9")).contains(Duration.ofMinutes(15));
	}

	@Test
	void waitEndsWhenItsTimeHasPassed() {
		fail(3);
		this.clock.advance(Duration.ofSeconds(16));

		assertThat(this.throttle.waitFor("ada@example.com", "10.0.0.9")).isEmpty();
	}

	@Test
	void successfulSignInClearsTheAccountsFailures() {
		fail(2);
		this.throttle.succeeded("ada@example.com");
		fail(2);

		assertThat(this.throttle.waitFor("ada@example.com", "10.0.0.9")).isEmpty();
	}

	private void fail(int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.failed("ada@example.com", "10.0.0." + i);
		}
	}

}
