package dev.mailgate.ratelimit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.mailgate.ratelimit.RateLimitStoreDown;

import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Asks the buckets about a request and turns the answer into a {@link Decision}. When the
 * store cannot be reached, the limits fail open (let the request through) or closed
 * (503), as configured; either way the failure is counted
 * ({@code mailgate.ratelimit.store.failures}), logged at most once a minute, shown by the
 * gauge {@code mailgate.ratelimit.store.up} and, once per outage, published as
 * {@link RateLimitStoreDown} (an audit log line).
 */
class Limiter {

	/**
	 * How long a client is asked to wait when the store cannot be reached and the limits
	 * fail closed.
	 */
	static final long STORE_DOWN_RETRY_AFTER_SECONDS = 5;

	private static final Log log = LogFactory.getLog(Limiter.class);

	private static final long LOG_PAUSE_NANOS = Duration.ofMinutes(1).toNanos();

	private final Buckets buckets;

	private final boolean failOpen;

	private final Counter storeFailures;

	private final Consumer<RateLimitStoreDown> events;

	private final AtomicBoolean storeDown = new AtomicBoolean();

	private final AtomicLong nextLog = new AtomicLong(System.nanoTime());

	Limiter(Buckets buckets, OnFailure onFailure, MeterRegistry meters) {
		this(buckets, onFailure, meters, (event) -> {
		});
	}

	/**
	 * @param events where {@link RateLimitStoreDown} goes, once per outage of the store
	 */
	Limiter(Buckets buckets, OnFailure onFailure, MeterRegistry meters, Consumer<RateLimitStoreDown> events) {
		this.buckets = buckets;
		this.failOpen = onFailure == OnFailure.OPEN;
		this.events = events;
		this.storeFailures = Counter.builder("mailgate.ratelimit.store.failures")
			.description("Rate limit checks that could not reach the bucket store")
			.register(meters);
		Gauge.builder("mailgate.ratelimit.store.up", this.storeDown, (down) -> down.get() ? 0 : 1)
			.description("1 while the rate limit store answers, 0 while it cannot be reached")
			.register(meters);
	}

	/**
	 * Counts the request against the key's budget.
	 */
	Decision take(Budget budget, String key) {
		ConsumptionProbe probe;
		try {
			probe = this.buckets.take(budget, key);
		}
		catch (StoreUnavailable ex) {
			return failed(ex);
		}
		if (this.storeDown.get()) {
			this.storeDown.set(false);
		}
		if (probe.isConsumed()) {
			return new Decision.Allowed(budget, probe.getRemainingTokens(), seconds(probe.getNanosToWaitForReset()));
		}
		return new Decision.Refused(budget, Math.max(1, seconds(probe.getNanosToWaitForRefill())));
	}

	/**
	 * Whether the key still has requests left in the budget, without counting this one.
	 */
	Decision peek(Budget budget, String key) {
		long nanos;
		try {
			nanos = this.buckets.nanosUntilAvailable(budget, key);
		}
		catch (StoreUnavailable ex) {
			return failed(ex);
		}
		return (nanos > 0) ? new Decision.Refused(budget, Math.max(1, seconds(nanos))) : Decision.PASSED;
	}

	/**
	 * Counts something that already happened (a failed authentication) against the key's
	 * budget, whether or not any was left.
	 */
	void spend(Budget budget, String key) {
		try {
			this.buckets.take(budget, key);
		}
		catch (StoreUnavailable ex) {
			failed(ex);
		}
	}

	/**
	 * Returns a request taken by {@link #take} that turned out not to count.
	 */
	void giveBack(Budget budget, String key) {
		try {
			this.buckets.giveBack(budget, key);
		}
		catch (StoreUnavailable ex) {
			failed(ex);
		}
	}

	/**
	 * Reports a failure of the store met elsewhere (the shared counters use the same
	 * Redis): counted, logged and published like the limits' own.
	 */
	void storeFailed(StoreUnavailable ex) {
		failed(ex);
	}

	private Decision failed(StoreUnavailable ex) {
		this.storeFailures.increment();
		if (this.storeDown.compareAndSet(false, true)) {
			this.events.accept(new RateLimitStoreDown(this.failOpen, Instant.now()));
		}
		long now = System.nanoTime();
		long due = this.nextLog.get();
		if (now - due >= 0 && this.nextLog.compareAndSet(due, now + LOG_PAUSE_NANOS)) {
			log.warn(
					"The rate limit store cannot be reached (%s); requests are %s until it answers again (logged once a minute, counted in mailgate.ratelimit.store.failures)"
						.formatted(ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage(),
								this.failOpen ? "let through" : "refused with 503"));
		}
		return this.failOpen ? Decision.PASSED : new Decision.StoreDown(STORE_DOWN_RETRY_AFTER_SECONDS);
	}

	static long seconds(long nanos) {
		return (nanos <= 0) ? 0 : TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L);
	}

	/**
	 * What happens to requests while the store cannot be reached.
	 */
	enum OnFailure {

		/** Let them through unlimited. */
		OPEN,

		/** Refuse them with 503 and {@code Retry-After}. */
		CLOSED

	}

}
