package dev.mailgate.ratelimit.internal;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A quota of requests per window under a policy name, such as 600 token requests per
 * minute. The whole quota comes back at the end of each window (a fixed window that
 * starts with the first request), so the {@code RateLimit} header's {@code r} and
 * {@code t} mean exactly what draft-ietf-httpapi-ratelimit-headers §4.1 says: no more
 * than {@code r} requests within the next {@code t} seconds.
 * <p>
 * Everything a request needs (the Bucket4j limit, the {@code RateLimit-Policy} value, the
 * Redis key prefix) is built once here, not per request.
 */
final class Budget {

	static final long LARGEST_QUOTA = 1_000_000_000L;

	static final Duration LONGEST_WINDOW = Duration.ofDays(1);

	private final String name;

	private final long quota;

	private final Duration window;

	private final Bandwidth bandwidth;

	private final String policyHeader;

	private final String keyPrefix;

	private Budget(String name, long quota, Duration window) {
		this.name = name;
		this.quota = quota;
		this.window = window;
		this.bandwidth = Bandwidth.builder().capacity(quota).refillIntervally(quota, window).build();
		this.policyHeader = "\"%s\";q=%d;w=%d".formatted(name, quota, window.toSeconds());
		this.keyPrefix = "%s:%d/%d:".formatted(name, quota, window.toSeconds());
	}

	/**
	 * @throws IllegalArgumentException unless the quota is 1 to a billion and the window
	 * whole seconds from 1 second to a day
	 */
	static Budget of(String name, long quota, Duration window) {
		if (quota < 1 || quota > LARGEST_QUOTA) {
			throw new IllegalArgumentException(
					"The quota of %s must be 1 to %d, not %d".formatted(name, LARGEST_QUOTA, quota));
		}
		if (window.toSeconds() < 1 || window.compareTo(LONGEST_WINDOW) > 0 || window.toNanosPart() != 0) {
			throw new IllegalArgumentException(
					"The window of %s must be whole seconds from 1s to 1d, not %s".formatted(name, window));
		}
		return new Budget(name, quota, window);
	}

	/**
	 * The policy name in the headers and in {@link dev.mailgate.ratelimit.RateLimited}.
	 */
	String name() {
		return this.name;
	}

	long quota() {
		return this.quota;
	}

	Duration window() {
		return this.window;
	}

	Bandwidth bandwidth() {
		return this.bandwidth;
	}

	BucketConfiguration configuration() {
		return BucketConfiguration.builder().addLimit(this.bandwidth).build();
	}

	/**
	 * This budget as a {@code RateLimit-Policy} item
	 * (draft-ietf-httpapi-ratelimit-headers §3.1): {@code "api";q=100;w=10}.
	 */
	String policyHeader() {
		return this.policyHeader;
	}

	/**
	 * Where the budget's buckets are kept: a changed quota or window starts new buckets.
	 */
	String keyPrefix() {
		return this.keyPrefix;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof Budget budget && this.name.equals(budget.name) && this.quota == budget.quota
				&& this.window.equals(budget.window);
	}

	@Override
	public int hashCode() {
		return this.keyPrefix.hashCode();
	}

	@Override
	public String toString() {
		return "%s: %d per %ds".formatted(this.name, this.quota, this.window.toSeconds());
	}

}
