package dev.mailgate.audit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mailgate.apps.AppId;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Sliding windows of failed client authentications per app, in memory: the times of the
 * last {@code threshold} failures, so that a burst is when the oldest of them is within
 * the window of the newest.
 */
@Component
class AlertBursts {

	private static final int ADDRESSES_KEPT = 5;

	private final Cache<AppId, Window> windows = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofHours(1))
		.maximumSize(100_000)
		.build();

	/**
	 * Counts a failure of the app.
	 * @return what it adds to an alert: nothing outside a burst, the whole burst when it
	 * starts, then one for each further failure while it lasts
	 */
	Burst record(AppId app, Instant at, @Nullable String address, int threshold, Duration window) {
		Window counted = this.windows.asMap()
			.compute(app, (key, existing) -> (existing != null && existing.size() == threshold) ? existing
					: new Window(threshold));
		return counted.add(at.toEpochMilli(), address, window.toMillis());
	}

	/**
	 * @param addresses where the failures of the burst came from, the latest few
	 */
	record Burst(int hits, List<String> addresses) {
	}

	private static final class Window {

		private final long[] times;

		private int next;

		private int filled;

		private boolean bursting;

		private final Set<String> addresses = new LinkedHashSet<>();

		Window(int threshold) {
			this.times = new long[Math.max(threshold, 1)];
		}

		int size() {
			return this.times.length;
		}

		synchronized Burst add(long at, @Nullable String address, long window) {
			this.times[this.next] = at;
			this.next = (this.next + 1) % this.times.length;
			this.filled = Math.min(this.filled + 1, this.times.length);
			if (address != null) {
				this.addresses.remove(address);
				this.addresses.add(address);
				if (this.addresses.size() > ADDRESSES_KEPT) {
					this.addresses.remove(this.addresses.iterator().next());
				}
			}
			// After the write, next points at the oldest of the last threshold failures.
			boolean burst = this.filled == this.times.length && at - this.times[this.next] <= window;
			int hits = !burst ? 0 : this.bursting ? 1 : this.times.length;
			this.bursting = burst;
			return new Burst(hits, new ArrayList<>(this.addresses));
		}

	}

}
