package dev.mailgate.ratelimit.internal;

import java.time.Duration;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;

/**
 * Buckets in Redis, shared by every node: Bucket4j's compare-and-swap proxy over one
 * Lettuce connection ({@link RedisConnection}). Each key expires 10 seconds after its
 * bucket would be full again, so idle keys do not stay. Every failure (no connection, a
 * timeout) becomes {@link StoreUnavailable}.
 */
final class RedisBuckets implements Buckets {

	static final String KEY_PREFIX = "mailgate:ratelimit:";

	private final RedisConnection<byte[]> redis;

	private volatile @Nullable ProxyManager<String> proxies;

	RedisBuckets(String url, Duration timeout) {
		this.redis = new RedisConnection<>(url, timeout, RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE),
				"Rate limit buckets");
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
		ProxyManager<String> current = this.proxies;
		if (current == null) {
			current = Bucket4jLettuce.casBasedBuilder(this.redis.get())
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.requestTimeout(this.redis.timeout())
				.build();
			this.proxies = current;
		}
		return current;
	}

	@Override
	public void close() {
		this.redis.close();
	}

}
