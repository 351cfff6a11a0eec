package dev.mailgate.audit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import dev.mailgate.apps.AppId;
import dev.mailgate.platform.SharedCounters;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Sliding windows of failed client authentications per app: the times (and addresses) of
 * its last {@code threshold + 1} failures, a {@link SharedCounters} list that every node
 * adds to. A burst is when the oldest of the last {@code threshold} failures is within
 * the window of the newest; the one failure more says whether the failure before was in a
 * burst already.
 */
@Component
class AlertBursts {

	private static final String KEY = "alerts:failed-client-auth:";

	private static final int ADDRESSES_KEPT = 5;

	private final SharedCounters counters;

	AlertBursts(SharedCounters counters) {
		this.counters = counters;
	}

	/**
	 * Counts a failure of the app, without waiting for the shared store.
	 * @return what it adds to an alert, once counted: nothing outside a burst, the whole
	 * burst when it starts, then one for each further failure while it lasts
	 */
	CompletionStage<Burst> record(AppId app, Instant at, @Nullable String address, int threshold, Duration window) {
		int size = Math.max(threshold, 1);
		String failure = at.toEpochMilli() + " " + ((address != null) ? address : "");
		// Twice the window: the failure before a burst's first may still decide it.
		return this.counters.push(KEY + app.value(), failure, size + 1, window.multipliedBy(2))
			.thenApply((latest) -> burst(latest, size, window.toMillis()));
	}

	private static Burst burst(List<String> latest, int size, long window) {
		boolean burst = within(latest, 0, size, window);
		boolean bursting = within(latest, 1, size, window);
		int hits = !burst ? 0 : bursting ? 1 : size;
		return new Burst(hits, addresses(latest.subList(0, Math.min(size, latest.size()))));
	}

	/**
	 * Whether the {@code size} failures from {@code newest} on are all within the window.
	 */
	private static boolean within(List<String> latest, int newest, int size, long window) {
		int oldest = newest + size - 1;
		return oldest < latest.size() && time(latest.get(newest)) - time(latest.get(oldest)) <= window;
	}

	private static List<String> addresses(List<String> failures) {
		Set<String> addresses = new LinkedHashSet<>();
		for (String failure : failures) {
			String address = failure.substring(failure.indexOf(' ') + 1);
			if (!address.isEmpty() && addresses.size() < ADDRESSES_KEPT) {
				addresses.add(address);
			}
		}
		List<String> oldestFirst = new ArrayList<>(addresses);
		Collections.reverse(oldestFirst);
		return oldestFirst;
	}

	private static long time(String failure) {
		return Long.parseLong(failure.substring(0, failure.indexOf(' ')));
	}

	/**
	 * @param addresses where the failures of the burst came from, the latest few, oldest
	 * first
	 */
	record Burst(int hits, List<String> addresses) {
	}

}
