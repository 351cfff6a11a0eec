package dev.mailgate.platform;

import java.util.function.Consumer;

/**
 * Drops cached copies on every node. A module that caches something another node can
 * revoke (a token, an app, a secret) registers a listener for its cache; whoever revokes
 * calls {@link #evict}. This node's listeners run at once; the other nodes' within a
 * second.
 */
public interface CacheEvictions {

	/**
	 * Evicts the key from the named cache on this node now, and on every other node once
	 * the current transaction (if any) has committed.
	 */
	void evict(String cache, String key);

	/**
	 * Calls the listener with each key evicted from the named cache, on this node or
	 * another.
	 */
	void listen(String cache, Consumer<String> listener);

}
