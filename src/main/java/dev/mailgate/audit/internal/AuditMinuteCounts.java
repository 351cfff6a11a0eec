package dev.mailgate.audit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Counts events per key and minute in memory, for kinds that happen too often for a row
 * each. Counting is an increment of a {@link LongAdder}, so that threads counting at once
 * do not wait for each other; the counts of a minute are taken out once it has ended. At
 * most {@code mostKeys} keys are counted at a time: beyond that, events count under their
 * overflow key, so that a flood of distinct keys (many addresses) cannot fill the heap.
 * <p>
 * A thread may hold a minute's counter, about to increment it, while a drain takes that
 * counter out. Such a late add is not lost: the counters a drain takes out are kept, and
 * read again by each drain for {@value #KEPT_MINUTES} more minutes. Drains must not run
 * at once (the caller serializes them).
 *
 * @param <K> what is counted apart, such as an app and a grant type
 */
final class AuditMinuteCounts<K> {

	private static final Function<Object, LongAdder> NEW = (key) -> new LongAdder();

	private final ConcurrentHashMap<Minute<K>, LongAdder> counts = new ConcurrentHashMap<>();

	static final int KEPT_MINUTES = 2;

	private final int mostKeys;

	/** The counters drains took out, with any adds that reached them late. */
	private final Map<Minute<K>, List<LongAdder>> ended = new HashMap<>();

	AuditMinuteCounts(int mostKeys) {
		this.mostKeys = mostKeys;
	}

	void add(K key, Instant at) {
		this.counts.computeIfAbsent(new Minute<>(key, minuteOf(at)), NEW).increment();
	}

	/**
	 * Counts under the key, or under the overflow key while too many keys are counted.
	 */
	void add(K key, K overflow, Instant at) {
		Minute<K> minute = new Minute<>(key, minuteOf(at));
		LongAdder count = this.counts.get(minute);
		if (count == null && this.counts.mappingCount() >= this.mostKeys) {
			minute = new Minute<>(overflow, minute.minute());
		}
		this.counts.computeIfAbsent(minute, NEW).increment();
	}

	/**
	 * Takes out the counts of the minutes that ended before {@code now}, or of every
	 * minute when {@code now} is {@code null} (on shutdown).
	 */
	List<Count<K>> drain(@Nullable Instant now) {
		long current = (now != null) ? minuteOf(now) : Long.MAX_VALUE;
		for (Minute<K> minute : this.counts.keySet()) {
			if (minute.minute() < current) {
				LongAdder count = this.counts.remove(minute);
				if (count != null) {
					this.ended.computeIfAbsent(minute, (key) -> new ArrayList<>(1)).add(count);
				}
			}
		}
		List<Count<K>> drained = new ArrayList<>();
		Iterator<Map.Entry<Minute<K>, List<LongAdder>>> kept = this.ended.entrySet().iterator();
		while (kept.hasNext()) {
			Map.Entry<Minute<K>, List<LongAdder>> entry = kept.next();
			long sum = 0;
			for (LongAdder count : entry.getValue()) {
				sum += count.sumThenReset();
			}
			Minute<K> minute = entry.getKey();
			if (sum > 0) {
				drained.add(new Count<>(minute.key(), Instant.ofEpochSecond(minute.minute() * 60), sum));
			}
			if (minute.minute() < current - KEPT_MINUTES) {
				kept.remove();
			}
		}
		return drained;
	}

	private static long minuteOf(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), 60);
	}

	private record Minute<K>(K key, long minute) {
	}

	/**
	 * @param minute the minute's start
	 */
	record Count<K>(K key, Instant minute, long count) {

		int rowCount() {
			return (int) Math.min(this.count, Integer.MAX_VALUE);
		}

	}

}
