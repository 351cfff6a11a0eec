package dev.mailgate.ratelimit.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Buckets in this node's memory: a Caffeine map from budget and key to a Bucket4j
 * lock-free bucket. A bucket not touched for its budget's window is full again, so it is
 * forgotten then; the map never holds more than {@code maxBuckets}.
 */
final class LocalBuckets implements Buckets {

	private final Cache<Key, Bucket> buckets;

	LocalBuckets(long maxBuckets) {
		// Every take moves its bucket's expiry, so Caffeine's upkeep comes due every few
		// reads; it runs on the thread that finds it due rather than being handed to the
		// common pool, a wake-up of another thread each time (docs/benchmarks.md).
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxBuckets)
			.expireAfter(new IdleForAWindow())
			.executor(Runnable::run)
			.build();
	}

	@Override
	public ConsumptionProbe take(Budget budget, String key) {
		return this.buckets.get(new Key(budget, key), LocalBuckets::newBucket).tryConsumeAndReturnRemaining(1);
	}

	@Override
	public void giveBack(Budget budget, String key) {
		Bucket bucket = this.buckets.getIfPresent(new Key(budget, key));
		if (bucket != null) {
			bucket.addTokens(1);
		}
	}

	@Override
	public long nanosUntilAvailable(Budget budget, String key) {
		Bucket bucket = this.buckets.getIfPresent(new Key(budget, key));
		if (bucket == null) {
			return 0;
		}
		EstimationProbe probe = bucket.estimateAbilityToConsume(1);
		return probe.canBeConsumed() ? 0 : probe.getNanosToWaitForRefill();
	}

	long size() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

	@Override
	public void close() {
		this.buckets.invalidateAll();
	}

	private static Bucket newBucket(Key key) {
		return Bucket.builder().addLimit(key.budget().bandwidth()).build();
	}

	private record Key(Budget budget, String key) {
	}

	/**
	 * Every use keeps a bucket for one more window of its budget.
	 */
	private static final class IdleForAWindow implements Expiry<Key, Bucket> {

		@Override
		public long expireAfterCreate(Key key, Bucket bucket, long currentTime) {
			return key.budget().window().toNanos();
		}

		@Override
		public long expireAfterUpdate(Key key, Bucket bucket, long currentTime, long currentDuration) {
			return key.budget().window().toNanos();
		}

		@Override
		public long expireAfterRead(Key key, Bucket bucket, long currentTime, long currentDuration) {
			return key.budget().window().toNanos();
		}

	}

}
