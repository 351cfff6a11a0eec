package dev.mailgate.ratelimit.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mailgate.platform.SharedCounters;
import dev.mailgate.support.RedisCondition;

/**
 * Shared counters in the real Redis (or nowhere) for other modules' tests, as one node of
 * several would have them.
 */
public final class RedisCountersForTests {

	/** A Redis address where nothing answers. */
	public static final String NOWHERE = "redis://127.0.0.1:1";

	private RedisCountersForTests() {
	}

	/**
	 * A node's counters in the Redis of .ci/services, failing open.
	 */
	public static Node node() {
		return node(RedisCondition.URL, true);
	}

	public static Node node(String url, boolean failOpen) {
		AtomicInteger failures = new AtomicInteger();
		RedisCounters counters = new RedisCounters(url, Duration.ofMillis(500), failOpen,
				(ex) -> failures.incrementAndGet());
		return new Node(counters, failures);
	}

	/**
	 * @param failures how many calls could not reach Redis
	 */
	public record Node(SharedCounters counters, AtomicInteger failures) implements AutoCloseable {

		@Override
		public void close() {
			((RedisCounters) this.counters).close();
		}

	}

}
