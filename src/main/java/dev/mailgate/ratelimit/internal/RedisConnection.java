package dev.mailgate.ratelimit.internal;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One Lettuce connection to Redis, opened on first use. Commands fail at once while it is
 * disconnected and after {@code timeout} when Redis does not answer; after a failed
 * connection attempt the next one waits a second, so that requests do not queue up behind
 * connection attempts. Every failure to connect becomes {@link StoreUnavailable}.
 */
final class RedisConnection<V> implements AutoCloseable {

	private static final Log log = LogFactory.getLog(RedisConnection.class);

	private static final long RECONNECT_PAUSE_NANOS = Duration.ofSeconds(1).toNanos();

	private final RedisClient client;

	private final RedisCodec<String, V> codec;

	private final Duration timeout;

	private volatile @Nullable StatefulRedisConnection<String, V> connection;

	private volatile long nextAttempt;

	RedisConnection(String url, Duration timeout, RedisCodec<String, V> codec, String purpose) {
		RedisURI uri = RedisURI.create(url);
		uri.setTimeout(timeout);
		this.client = RedisClient.create(uri);
		this.client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(timeout))
			.socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
			.build());
		this.codec = codec;
		this.timeout = timeout;
		this.nextAttempt = System.nanoTime();
		// host and port only: the URL may hold a password
		log.info("%s in Redis at %s:%d".formatted(purpose, uri.getHost(), uri.getPort()));
	}

	Duration timeout() {
		return this.timeout;
	}

	/**
	 * The connection, opened now if it is not yet.
	 * @throws StoreUnavailable when Redis cannot be reached
	 */
	StatefulRedisConnection<String, V> get() {
		StatefulRedisConnection<String, V> current = this.connection;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			current = this.connection;
			if (current == null) {
				current = connect();
				this.connection = current;
			}
			return current;
		}
	}

	private StatefulRedisConnection<String, V> connect() {
		if (System.nanoTime() - this.nextAttempt < 0) {
			throw new StoreUnavailable("Redis could not be reached a moment ago", null);
		}
		try {
			return this.client.connect(this.codec);
		}
		catch (RuntimeException ex) {
			this.nextAttempt = System.nanoTime() + RECONNECT_PAUSE_NANOS;
			throw new StoreUnavailable("Redis could not be reached", ex);
		}
	}

	@Override
	public void close() {
		StatefulRedisConnection<String, V> current = this.connection;
		if (current != null) {
			current.close();
		}
		this.client.shutdown(Duration.ZERO, this.timeout);
	}

}
