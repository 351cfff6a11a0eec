package dev.mailgate.ratelimit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.mailgate.ratelimit.internal.Limiter.OnFailure;
import dev.mailgate.support.RedisCondition;
import dev.mailgate.support.RequiresRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes, each with its own connection to the real Redis server, share their buckets.
 */
@RequiresRedis
class RedisBucketsTests {

	private final RedisBuckets first = new RedisBuckets(RedisCondition.URL, Duration.ofSeconds(2));

	private final RedisBuckets second = new RedisBuckets(RedisCondition.URL, Duration.ofSeconds(2));

	private final Limiter nodeA = new Limiter(this.first, OnFailure.CLOSED, new SimpleMeterRegistry());

	private final Limiter nodeB = new Limiter(this.second, OnFailure.CLOSED, new SimpleMeterRegistry());

	private final Budget threePerTwoSeconds = Budget.of("api", 3, Duration.ofSeconds(2));

	private final String key = "test-" + UUID.randomUUID();

	@AfterEach
	void close() {
		this.first.close();
		this.second.close();
	}

	@Test
	void twoNodesSpendOneBucketAndItRefillsAfterTheWindow() {
		assertThat(this.nodeA.take(this.threePerTwoSeconds, this.key)).isInstanceOfSatisfying(Decision.Allowed.class,
				(allowed) -> assertThat(allowed.remaining()).isEqualTo(2));
		assertThat(this.nodeB.take(this.threePerTwoSeconds, this.key)).isInstanceOfSatisfying(Decision.Allowed.class,
				(allowed) -> assertThat(allowed.remaining()).isEqualTo(1));
		assertThat(this.nodeA.take(this.threePerTwoSeconds, this.key)).isInstanceOfSatisfying(Decision.Allowed.class,
				(allowed) -> assertThat(allowed.remaining()).isZero());

		Decision refused = this.nodeB.take(this.threePerTwoSeconds, this.key);
		assertThat(refused).isInstanceOfSatisfying(Decision.Refused.class,
				(r) -> assertThat(r.retryAfterSeconds()).isBetween(1L, 2L));
		assertThat(this.nodeA.peek(this.threePerTwoSeconds, this.key)).isInstanceOf(Decision.Refused.class);

		Instant deadline = Instant.now().plusSeconds(5);
		Decision again = this.nodeA.take(this.threePerTwoSeconds, this.key);
		while (again instanceof Decision.Refused && Instant.now().isBefore(deadline)) {
			pause();
			again = this.nodeA.take(this.threePerTwoSeconds, this.key);
		}
		assertThat(again).isInstanceOfSatisfying(Decision.Allowed.class,
				(allowed) -> assertThat(allowed.remaining()).isEqualTo(2));
		assertThat(this.nodeB.take(this.threePerTwoSeconds, this.key)).isInstanceOf(Decision.Allowed.class);
	}

	@Test
	void aRequestGivenBackOnOneNodeCanBeSpentOnTheOther() {
		Budget one = Budget.of("token-endpoint", 1, Duration.ofMinutes(1));
		assertThat(this.nodeA.take(one, this.key)).isInstanceOf(Decision.Allowed.class);
		assertThat(this.nodeB.take(one, this.key)).isInstanceOf(Decision.Refused.class);

		this.nodeA.giveBack(one, this.key);

		assertThat(this.nodeB.take(one, this.key)).isInstanceOf(Decision.Allowed.class);
	}

	@Test
	void bucketKeysExpireInRedis() {
		this.nodeA.take(this.threePerTwoSeconds, this.key);

		RedisClient client = RedisClient.create(RedisCondition.URL);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			String redisKey = RedisBuckets.KEY_PREFIX + this.threePerTwoSeconds.keyPrefix() + this.key;
			assertThat(connection.sync().exists(redisKey)).isOne();
			assertThat(connection.sync().pttl(redisKey)).isBetween(1L, 12_000L);
		}
		finally {
			client.shutdown();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
