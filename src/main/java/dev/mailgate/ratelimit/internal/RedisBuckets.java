package dev.mailgate.ratelimit.internal;

import java.time.Duration;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Buckets in Redis, shared by every node: Bucket4j's compare-and-swap proxy over one
 * Lettuce connection. Each key expires 10 seconds after its bucket would be full again,
 * so idle keys do not stay. Every failure (no connection, a timeout) becomes
 * {@link StoreUnavailable}; after a failed connection attempt the next one waits a
 * second, so that requests do not queue up behind connection attempts.
 */
final class RedisBuckets implements Buckets {

	static final String KEY_PREFIX = "mailgate:ratelimit:";

	private static final Log log = LogFactory.getLog(RedisBuckets.class);

	private static final long RECONNECT_PAUSE_NANOS = Duration.ofSeconds(1).toNanos();

	private final RedisClient client;

	private final Duration timeout;

	private volatile @Nullable Connected connected;

	private volatile long nextAttempt;

	RedisBuckets(String url, Duration timeout) {
		RedisURI uri = RedisURI.create(url);
		uri.setTimeout(timeout);
		this.client = RedisClient.create(uri);
		this.client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(timeout))
			.socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
			.build());
		this.timeout = timeout;
		this.nextAttempt = System.nanoTime();
		// host and port only: the URL may hold a password
		log.info("Rate limit buckets in Redis at %s:%d".formatted(uri.getHost(), uri.getPort()));
	}

	@Override
	public ConsumptionProbe take(Budget budget, String key) {
		try {
			return bucket(budget, key).tryConsumeAndReturnRemaining(1);
		}
		catch (StoreUnavailable ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new StoreUnavailable("Redis did not answer", ex);
		}
	}

	@Override
	public void giveBack(Budget budget, String key) {
		try {
			bucket(budget, key).addTokens(1);
		}
		catch (StoreUnavailable ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new StoreUnavailable("Redis did not answer", ex);
		}
	}

	@Override
	public long nanosUntilAvailable(Budget budget, String key) {
		try {
			EstimationProbe probe = bucket(budget, key).estimateAbilityToConsume(1);
			return probe.canBeConsumed() ? 0 : probe.getNanosToWaitForRefill();
		}
		catch (StoreUnavailable ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new StoreUnavailable("Redis did not answer", ex);
		}
	}

	private BucketProxy bucket(Budget budget, String key) {
		return proxies().builder().build(KEY_PREFIX + budget.keyPrefix() + key, budget::configuration);
	}

	private ProxyManager<String> proxies() {
		Connected current = this.connected;
		if (current != null) {
			return current.proxies();
		}
		synchronized (this) {
			current = this.connected;
			if (current == null) {
				current = connect();
				this.connected = current;
			}
			return current.proxies();
		}
	}

	private Connected connect() {
		if (System.nanoTime() - this.nextAttempt < 0) {
			throw new StoreUnavailable("Redis could not be reached a moment ago", null);
		}
		try {
			StatefulRedisConnection<String, byte[]> connection = this.client
				.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
			ProxyManager<String> proxies = Bucket4jLettuce.casBasedBuilder(connection)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.requestTimeout(this.timeout)
				.build();
			return new Connected(connection, proxies);
		}
		catch (RuntimeException ex) {
			this.nextAttempt = System.nanoTime() + RECONNECT_PAUSE_NANOS;
			throw new StoreUnavailable("Redis could not be reached", ex);
		}
	}

	@Override
	public void close() {
		Connected current = this.connected;
		if (current != null) {
			current.connection().close();
		}
		this.client.shutdown(Duration.ZERO, this.timeout);
	}

	private record Connected(StatefulRedisConnection<String, byte[]> connection, ProxyManager<String> proxies) {
	}

}
