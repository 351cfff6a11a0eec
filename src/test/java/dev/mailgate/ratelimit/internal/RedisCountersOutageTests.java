package dev.mailgate.ratelimit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mailgate.platform.SharedCountersDown;
import dev.mailgate.ratelimit.RateLimitStoreDown;
import dev.mailgate.ratelimit.internal.Limiter.OnFailure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * While Redis cannot be reached, the shared counters count in the node's memory, and
 * reads follow the rate limits' {@code on-failure} setting.
 */
class RedisCountersOutageTests {

	@Test
	void failingOpenCountsAndReadsInTheNodesMemory() {
		try (RedisCountersForTests.Node node = RedisCountersForTests.node(RedisCountersForTests.NOWHERE, true)) {
			assertThat(node.counters().increment("count", Duration.ofMinutes(1)).toCompletableFuture().join())
				.isEqualTo(1);
			assertThat(node.counters().increment("count", Duration.ofMinutes(1)).toCompletableFuture().join())
				.isEqualTo(2);
			node.counters().push("list", "1", 3, Duration.ofMinutes(1)).toCompletableFuture().join();

			assertThat(node.counters().latest(List.of("list"))).containsExactly(List.of("1"));
			assertThat(node.failures().get()).isGreaterThanOrEqualTo(4);
		}
	}

	@Test
	void failingClosedRefusesReadsButStillCountsWrites() {
		try (RedisCountersForTests.Node node = RedisCountersForTests.node(RedisCountersForTests.NOWHERE, false)) {
			assertThat(node.counters().push("list", "1", 3, Duration.ofMinutes(1)).toCompletableFuture().join())
				.containsExactly("1");

			assertThatExceptionOfType(SharedCountersDown.class)
				.isThrownBy(() -> node.counters().latest(List.of("list")))
				.satisfies((down) -> assertThat(down.retryAfter()).isEqualTo(Duration.ofSeconds(5)));
		}
	}

	@Test
	void anOutageSeenByTheCountersIsReportedLikeTheRateLimitsOwn() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		List<RateLimitStoreDown> published = new ArrayList<>();
		try (RedisBuckets buckets = new RedisBuckets(RedisCountersForTests.NOWHERE, Duration.ofMillis(200));
				RedisCounters counters = new RedisCounters(RedisCountersForTests.NOWHERE, Duration.ofMillis(200), true,
						new Limiter(buckets, OnFailure.OPEN, meters, published::add)::storeFailed)) {
			counters.increment("count", Duration.ofMinutes(1)).toCompletableFuture().join();
			counters.increment("count", Duration.ofMinutes(1)).toCompletableFuture().join();
		}

		assertThat(published).singleElement().satisfies((down) -> assertThat(down.failingOpen()).isTrue());
		assertThat(meters.get("mailgate.ratelimit.store.failures").counter().count()).isEqualTo(2);
		assertThat(meters.get("mailgate.ratelimit.store.up").gauge().value()).isZero();
	}

}
