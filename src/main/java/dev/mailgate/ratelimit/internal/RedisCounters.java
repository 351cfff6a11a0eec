package dev.mailgate.ratelimit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.mailgate.platform.MemoryCounters;
import dev.mailgate.platform.SharedCounters;
import dev.mailgate.platform.SharedCountersDown;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;

/**
 * {@link SharedCounters} in Redis, shared by every node. Each write is one script run
 * (atomic, one round trip, never awaited by the caller); a read of several keys sends
 * them all before waiting. Every key gets a time to live. While Redis cannot be reached,
 * writes count in this node's memory and reads read it (fail open) or throw
 * {@link SharedCountersDown} (fail closed); each failure is reported like the rate
 * limits' own (a metric, a log line a minute, an audit line per outage).
 */
final class RedisCounters implements SharedCounters, AutoCloseable {

	static final String KEY_PREFIX = "mailgate:shared:";

	private static final String INCREMENT = """
			local n = redis.call('INCR', KEYS[1])
			if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			return n""";

	private static final String PUSH = """
			redis.call('LPUSH', KEYS[1], ARGV[1])
			redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
			redis.call('PEXPIRE', KEYS[1], ARGV[3])
			return redis.call('LRANGE', KEYS[1], 0, -1)""";

	private final RedisConnection<String> redis;

	private final boolean failOpen;

	private final Consumer<StoreUnavailable> failures;

	private final MemoryCounters local = new MemoryCounters();

	/**
	 * @param failures told of each call that could not reach Redis
	 */
	RedisCounters(String url, Duration timeout, boolean failOpen, Consumer<StoreUnavailable> failures) {
		this.redis = new RedisConnection<>(url, timeout, StringCodec.UTF8, "Shared counters");
		this.failOpen = failOpen;
		this.failures = failures;
	}

	@Override
	public CompletionStage<Long> increment(String key, Duration forgetAfter) {
		return orLocally(
				() -> commands().<Long>eval(INCREMENT, ScriptOutputType.INTEGER, new String[] { KEY_PREFIX + key },
						Long.toString(Math.max(forgetAfter.toMillis(), 1))),
				() -> this.local.increment(key, forgetAfter));
	}

	@Override
	public CompletionStage<List<String>> push(String key, String value, int keep, Duration forgetAfter) {
		return orLocally(
				() -> commands().<List<String>>eval(PUSH, ScriptOutputType.MULTI, new String[] { KEY_PREFIX + key },
						value, Integer.toString(Math.max(keep, 1)), Long.toString(Math.max(forgetAfter.toMillis(), 1))),
				() -> this.local.push(key, value, keep, forgetAfter));
	}

	@Override
	public List<List<String>> latest(List<String> keys) {
		try {
			List<RedisFuture<List<String>>> sent = new ArrayList<>(keys.size());
			for (String key : keys) {
				sent.add(commands().lrange(KEY_PREFIX + key, 0, -1));
			}
			List<List<String>> lists = new ArrayList<>(keys.size());
			for (RedisFuture<List<String>> future : sent) {
				lists.add(future.get(this.redis.timeout().toMillis(), TimeUnit.MILLISECONDS));
			}
			return lists;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			return readLocally(keys, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return readLocally(keys, ex);
		}
	}

	@Override
	public CompletionStage<Void> forget(String key) {
		this.local.forget(key);
		return orLocally(() -> commands().del(KEY_PREFIX + key), () -> CompletableFuture.completedFuture(0L))
			.thenApply((deleted) -> null);
	}

	private List<List<String>> readLocally(List<String> keys, Exception ex) {
		failed(ex);
		if (!this.failOpen) {
			throw new SharedCountersDown(Duration.ofSeconds(Limiter.STORE_DOWN_RETRY_AFTER_SECONDS));
		}
		return this.local.latest(keys);
	}

	/**
	 * The command's answer, or, when Redis cannot be reached, the same done in memory.
	 */
	private <T> CompletionStage<T> orLocally(Supplier<RedisFuture<T>> command, Supplier<CompletionStage<T>> locally) {
		CompletionStage<T> sent;
		try {
			sent = command.get();
		}
		catch (RuntimeException ex) {
			failed(ex);
			return locally.get();
		}
		return sent.handle((answer, ex) -> {
			if (ex == null) {
				return CompletableFuture.completedFuture(answer);
			}
			failed(ex);
			return locally.get();
		}).thenCompose((stage) -> stage);
	}

	private void failed(Throwable ex) {
		this.failures.accept((ex instanceof StoreUnavailable unavailable) ? unavailable
				: new StoreUnavailable("Redis did not answer", ex));
	}

	private RedisAsyncCommands<String, String> commands() {
		return this.redis.get().async();
	}

	@Override
	public void close() {
		this.redis.close();
	}

}
