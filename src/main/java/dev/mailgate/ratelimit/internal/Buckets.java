package dev.mailgate.ratelimit.internal;

import io.github.bucket4j.ConsumptionProbe;

/**
 * Where the buckets live: in this node's memory ({@link LocalBuckets}) or in Redis,
 * shared by every node ({@link RedisBuckets}). A key is what the budget is counted for: a
 * client id, an address, an account.
 */
interface Buckets extends AutoCloseable {

	/**
	 * Takes one request from the key's bucket, if one is left.
	 * @throws StoreUnavailable when the store cannot be reached
	 */
	ConsumptionProbe take(Budget budget, String key);

	/**
	 * Puts back a request taken for one that turned out not to count.
	 * @throws StoreUnavailable when the store cannot be reached
	 */
	void giveBack(Budget budget, String key);

	/**
	 * How long until the key's bucket has a request again: 0 while it has one (or has
	 * never been used).
	 * @throws StoreUnavailable when the store cannot be reached
	 */
	long nanosUntilAvailable(Budget budget, String key);

	@Override
	void close();

}
