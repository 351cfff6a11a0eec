package dev.mailgate.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Counts that every node sees alike, so that an attack spread over several nodes meets
 * the same thresholds as one aimed at a single node: failed sign-ins, failed client
 * authentications, tokens issued in a minute.
 *
 * <p>
 * With {@code mailgate.ratelimit.store=redis} the counts live in Redis, next to the rate
 * limit buckets (the {@code ratelimit} module provides that implementation); otherwise in
 * this node's memory ({@link MemoryCounters}). Every key is forgotten a while after its
 * last write, so none pile up.
 *
 * <p>
 * Writes never make the caller wait for the store: they return a stage that completes
 * once counted (at once in memory). While the store cannot be reached, writes count in
 * this node's memory instead, so that counting goes on; reads do the same when the rate
 * limits fail open, and throw {@link SharedCountersDown} when they fail closed.
 */
public interface SharedCounters {

	/**
	 * Adds one to the key's counter, which is forgotten {@code forgetAfter} after its
	 * first count.
	 * @return the count, this one included
	 */
	CompletionStage<Long> increment(String key, Duration forgetAfter);

	/**
	 * Puts a value first in the key's list of latest values, which keeps the newest
	 * {@code keep} and is forgotten {@code forgetAfter} after the last push.
	 * @return the list, newest first, this value included
	 */
	CompletionStage<List<String>> push(String key, String value, int keep, Duration forgetAfter);

	/**
	 * The lists of latest values of the keys (one round trip for all of them).
	 * @return one list per key, in the keys' order, each newest first (empty for a key
	 * never pushed or forgotten)
	 * @throws SharedCountersDown when the store cannot be reached and the rate limits
	 * fail closed
	 */
	List<List<String>> latest(List<String> keys);

	/**
	 * Forgets the key's list or counter; callers need not wait for it.
	 * @return done once the store has forgotten it (at once in memory)
	 */
	CompletionStage<Void> forget(String key);

}
