package dev.mailgate.ratelimit.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.mailgate.support.RedisCondition;
import dev.mailgate.support.RequiresRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes, each with its own connection to the real Redis server, count into the same
 * counters and lists.
 */
@RequiresRedis
class RedisCountersTests {

	private final RedisCountersForTests.Node nodeA = RedisCountersForTests.node();

	private final RedisCountersForTests.Node nodeB = RedisCountersForTests.node();

	private final String key = "test-" + UUID.randomUUID();

	@AfterEach
	void close() {
		this.nodeA.close();
		this.nodeB.close();
	}

	@Test
	void twoNodesCountIntoOneCounter() {
		assertThat(increment(this.nodeA)).isEqualTo(1);
		assertThat(increment(this.nodeB)).isEqualTo(2);
		assertThat(increment(this.nodeA)).isEqualTo(3);
		assertThat(this.nodeA.failures()).hasValue(0);
	}

	@Test
	void twoNodesPushIntoOneListThatKeepsTheNewest() {
		push(this.nodeA, "1");
		push(this.nodeB, "2");
		assertThat(push(this.nodeA, "3")).containsExactly("3", "2");

		assertThat(this.nodeB.counters().latest(List.of(this.key, this.key + "-never")))
			.containsExactly(List.of("3", "2"), List.of());
	}

	@Test
	void aListForgottenOnOneNodeIsForgottenOnTheOther() {
		push(this.nodeA, "1");
		this.nodeB.counters().forget(this.key).toCompletableFuture().join();

		assertThat(push(this.nodeA, "2")).containsExactly("2");
	}

	@Test
	void everyKeyHasATimeToLive() {
		increment(this.nodeA);
		this.nodeA.counters().push(this.key + "-list", "1", 2, Duration.ofMinutes(1)).toCompletableFuture().join();

		RedisClient client = RedisClient.create(RedisCondition.URL);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			assertThat(connection.sync().pttl(RedisCounters.KEY_PREFIX + this.key)).isBetween(1L, 60_000L);
			assertThat(connection.sync().pttl(RedisCounters.KEY_PREFIX + this.key + "-list")).isBetween(1L, 60_000L);
		}
		finally {
			client.shutdown();
		}
	}

	private long increment(RedisCountersForTests.Node node) {
		return node.counters().increment(this.key, Duration.ofMinutes(1)).toCompletableFuture().join();
	}

	private List<String> push(RedisCountersForTests.Node node, String value) {
		return node.counters().push(this.key, value, 2, Duration.ofMinutes(1)).toCompletableFuture().join();
	}

}
