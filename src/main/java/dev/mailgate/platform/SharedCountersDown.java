package dev.mailgate.platform;

import java.time.Duration;

/**
 * The store of {@link SharedCounters} cannot be reached and Mailgate is configured to
 * fail closed ({@code mailgate.ratelimit.redis.on-failure=closed}): whatever the counts
 * would decide is refused until it answers again.
 */
public class SharedCountersDown extends RuntimeException {

	private final Duration retryAfter;

	public SharedCountersDown(Duration retryAfter) {
		super("The shared counters cannot be reached");
		this.retryAfter = retryAfter;
	}

	/**
	 * How long a refused caller is asked to wait before trying again.
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
