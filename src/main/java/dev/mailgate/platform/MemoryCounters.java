package dev.mailgate.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

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

	/**
	 * Counts without a lock once the counter exists: every token an app gets counts the
	 * same key (audit's AlertTokenRates), and a {@code compute} per count made those
	 * requests queue on the key, for tens of milliseconds whenever the holder lost its
	 * core (docs/benchmarks.md, "The token endpoint's tail"). A count that races the
	 * counter's expiry may land in the expired one.
	 */
	@Override
	public CompletionStage<Long> increment(String key, Duration forgetAfter) {
		Entry entry = this.entries.get(key, (k) -> new Counter(new AtomicLong(), forgetAfter));
		if (!(entry instanceof Counter)) {
			// a list under the key: a counter takes its place
			entry = this.entries.asMap()
				.compute(key, (k, old) -> (old instanceof Counter counter) ? counter
						: new Counter(new AtomicLong(), forgetAfter));
		}
		return CompletableFuture.completedFuture(((Counter) entry).count().incrementAndGet());
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

	private record Counter(AtomicLong count, Duration forgetAfter) implements Entry {
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
