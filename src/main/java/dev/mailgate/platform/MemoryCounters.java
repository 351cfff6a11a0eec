package dev.mailgate.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * {@link SharedCounters} in this node's memory: what a single node uses, and what the
 * Redis implementation falls back on while Redis cannot be reached. Each key expires as
 * its writer asked; past {@code maximumSize} keys, the least used go first.
 */
public final class MemoryCounters implements SharedCounters {

	private final Cache<String, Entry> entries;

	public MemoryCounters() {
		this(200_000);
	}

	public MemoryCounters(long maximumSize) {
		this.entries = Caffeine.newBuilder().maximumSize(maximumSize).expireAfter(new EntryExpiry()).build();
	}

	@Override
	public CompletionStage<Long> increment(String key, Duration forgetAfter) {
		Entry counted = this.entries.asMap()
			.compute(key, (k, old) -> (old instanceof Counter counter) ? new Counter(counter.count() + 1, forgetAfter)
					: new Counter(1, forgetAfter));
		return CompletableFuture.completedFuture(((Counter) counted).count());
	}

	@Override
	public CompletionStage<List<String>> push(String key, String value, int keep, Duration forgetAfter) {
		Entry pushed = this.entries.asMap().compute(key, (k, old) -> {
			List<String> values = new ArrayList<>(Math.max(keep, 1));
			values.add(value);
			if (old instanceof Latest latest) {
				values.addAll(latest.values().subList(0, Math.min(latest.values().size(), Math.max(keep, 1) - 1)));
			}
			return new Latest(List.copyOf(values), forgetAfter);
		});
		return CompletableFuture.completedFuture(((Latest) pushed).values());
	}

	@Override
	public List<List<String>> latest(List<String> keys) {
		List<List<String>> lists = new ArrayList<>(keys.size());
		for (String key : keys) {
			lists.add((this.entries.getIfPresent(key) instanceof Latest latest) ? latest.values() : List.of());
		}
		return lists;
	}

	@Override
	public CompletionStage<Void> forget(String key) {
		this.entries.invalidate(key);
		return CompletableFuture.completedFuture(null);
	}

	private sealed interface Entry permits Counter, Latest {

		Duration forgetAfter();

	}

	private record Counter(long count, Duration forgetAfter) implements Entry {
	}

	private record Latest(List<String> values, Duration forgetAfter) implements Entry {
	}

	/**
	 * A counter is forgotten a while after its first count (like a window), a list a
	 * while after its last push.
	 */
	private static final class EntryExpiry implements Expiry<String, Entry> {

		@Override
		public long expireAfterCreate(String key, Entry entry, long currentTime) {
			return entry.forgetAfter().toNanos();
		}

		@Override
		public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
			return (entry instanceof Latest) ? entry.forgetAfter().toNanos() : currentDuration;
		}

		@Override
		public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
