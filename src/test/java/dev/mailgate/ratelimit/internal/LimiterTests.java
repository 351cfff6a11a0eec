package dev.mailgate.ratelimit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mailgate.ratelimit.RateLimitStoreDown;

import dev.mailgate.ratelimit.internal.Limiter.OnFailure;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LimiterTests {

	private final Budget twoPerMinute = Budget.of("api", 2, Duration.ofMinutes(1));

	@Test
	void countsRequestsUntilTheBudgetIsSpentThenSaysHowLongToWait() {
		Limiter limiter = new Limiter(new LocalBuckets(100), OnFailure.OPEN, new SimpleMeterRegistry());

		assertThat(limiter.take(this.twoPerMinute, "app")).isInstanceOfSatisfying(Decision.Allowed.class, (allowed) -> {
			assertThat(allowed.remaining()).isOne();
			assertThat(allowed.resetSeconds()).isBetween(59L, 60L);
		});
		assertThat(limiter.take(this.twoPerMinute, "app")).isInstanceOf(Decision.Allowed.class);
		assertThat(limiter.take(this.twoPerMinute, "app")).isInstanceOfSatisfying(Decision.Refused.class,
				(refused) -> assertThat(refused.retryAfterSeconds()).isBetween(59L, 60L));
		assertThat(limiter.take(this.twoPerMinute, "another app")).isInstanceOf(Decision.Allowed.class);
	}

	@Test
	void aRequestGivenBackCanBeSpentAgain() {
		Limiter limiter = new Limiter(new LocalBuckets(100), OnFailure.OPEN, new SimpleMeterRegistry());
		limiter.take(this.twoPerMinute, "app");
		limiter.take(this.twoPerMinute, "app");

		limiter.giveBack(this.twoPerMinute, "app");

		assertThat(limiter.take(this.twoPerMinute, "app")).isInstanceOf(Decision.Allowed.class);
		assertThat(limiter.take(this.twoPerMinute, "app")).isInstanceOf(Decision.Refused.class);
	}

	@Test
	void peekingNeitherCountsNorKeepsABucketForAKeyNeverSeen() {
		LocalBuckets buckets = new LocalBuckets(100);
		Limiter limiter = new Limiter(buckets, OnFailure.OPEN, new SimpleMeterRegistry());

		assertThat(limiter.peek(this.twoPerMinute, "10.0.0.1")).isSameAs(Decision.PASSED);
		assertThat(buckets.size()).isZero();
		limiter.spend(this.twoPerMinute, "10.0.0.1");
		limiter.spend(this.twoPerMinute, "10.0.0.1");
		limiter.spend(this.twoPerMinute, "10.0.0.1");
		assertThat(limiter.peek(this.twoPerMinute, "10.0.0.1")).isInstanceOf(Decision.Refused.class);
	}

	@Test
	void aChangedQuotaStartsNewBuckets() {
		Limiter limiter = new Limiter(new LocalBuckets(100), OnFailure.OPEN, new SimpleMeterRegistry());
		limiter.take(this.twoPerMinute, "app");
		limiter.take(this.twoPerMinute, "app");

		assertThat(limiter.take(Budget.of("api", 3, Duration.ofMinutes(1)), "app"))
			.isInstanceOf(Decision.Allowed.class);
	}

	@Test
	void whenRedisCannotBeReachedFailingOpenLetsRequestsThroughAndCountsIt() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		try (RedisBuckets nowhere = new RedisBuckets("redis://127.0.0.1:1", Duration.ofMillis(200))) {
			Limiter limiter = new Limiter(nowhere, OnFailure.OPEN, meters);

			assertThat(limiter.take(this.twoPerMinute, "app")).isSameAs(Decision.PASSED);
			assertThat(limiter.peek(this.twoPerMinute, "app")).isSameAs(Decision.PASSED);
		}
		assertThat(meters.counter("mailgate.ratelimit.store.failures").count()).isEqualTo(2);
	}

	@Test
	void whenRedisCannotBeReachedFailingClosedRefusesWith503() {
		try (RedisBuckets nowhere = new RedisBuckets("redis://127.0.0.1:1", Duration.ofMillis(200))) {
			Limiter limiter = new Limiter(nowhere, OnFailure.CLOSED, new SimpleMeterRegistry());

			assertThat(limiter.take(this.twoPerMinute, "app")).isEqualTo(new Decision.StoreDown(5));
		}
	}

	@Test
	void whenTheStoreGoesAwayTheOutageIsAnnouncedOnceAndTheGaugeSaysSoUntilItAnswersAgain() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		List<RateLimitStoreDown> announced = new ArrayList<>();
		Switchable buckets = new Switchable();
		Limiter limiter = new Limiter(buckets, OnFailure.OPEN, meters, announced::add);

		buckets.down = true;
		for (int i = 0; i < 5; i++) {
			assertThat(limiter.take(this.twoPerMinute, "app-" + i)).isSameAs(Decision.PASSED);
		}
		assertThat(announced).singleElement().satisfies((event) -> assertThat(event.failingOpen()).isTrue());
		assertThat(meters.get("mailgate.ratelimit.store.up").gauge().value()).isZero();

		buckets.down = false;
		assertThat(limiter.take(this.twoPerMinute, "app")).isInstanceOf(Decision.Allowed.class);
		assertThat(meters.get("mailgate.ratelimit.store.up").gauge().value()).isOne();
		buckets.down = true;
		limiter.take(this.twoPerMinute, "app");
		assertThat(announced).hasSize(2);
	}

	/**
	 * Buckets in memory that can be made unreachable, as Redis.
	 */
	static final class Switchable implements Buckets {

		private final LocalBuckets memory = new LocalBuckets(100);

		volatile boolean down;

		@Override
		public ConsumptionProbe take(Budget budget, String key) {
			if (this.down) {
				throw new StoreUnavailable("switched off", null);
			}
			return this.memory.take(budget, key);
		}

		@Override
		public void giveBack(Budget budget, String key) {
			this.memory.giveBack(budget, key);
		}

		@Override
		public long nanosUntilAvailable(Budget budget, String key) {
			return this.memory.nanosUntilAvailable(budget, key);
		}

		@Override
		public void close() {
			this.memory.close();
		}

	}

}
