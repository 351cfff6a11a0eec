package dev.mailgate.integrations.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A run as the sync page shows it, in words for marketers.
 */
record SyncRunView(String id, String status, String label, String badge, boolean going, @Nullable Integer percent,
		String progress, long created, long updated, long skipped, long failed, @Nullable String waiting,
		@Nullable String error, String started, String startedBy, String duration, List<String> failures) {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	static SyncRunView of(SyncRun run) {
		return new SyncRunView(run.id().toString(), run.status().value(), label(run), badge(run.status()),
				!run.finished(), run.percent(), progress(run.fetched(), run.total()), run.created(), run.updated(),
				run.skipped(), run.failed(), waiting(run),
				(run.status() == SyncRun.Status.FAILED) ? run.lastError() : null, time(run.createdAt()),
				run.startedBy(), duration(run.duration()), run.failures());
	}

	static String progress(long fetched, @Nullable Long total) {
		return (total != null) ? "%,d of %,d contacts".formatted(fetched, total) : "%,d contacts".formatted(fetched);
	}

	static @Nullable String waiting(SyncRun run) {
		if (run.status() != SyncRun.Status.WAITING || run.nextAttemptAt() == null) {
			return null;
		}
		return "Waiting for %s to answer again — retrying at %s".formatted("the provider", time(run.nextAttemptAt()));
	}

	static String time(@Nullable Instant instant) {
		return (instant != null) ? TIME.format(instant) : "—";
	}

	private static String label(SyncRun run) {
		return switch (run.status()) {
			case QUEUED -> "Starting";
			case RUNNING -> "Syncing";
			case WAITING -> "Waiting for the provider";
			case SUCCEEDED -> "Finished";
			case FAILED -> "Failed";
			case CANCELLED -> "Cancelled";
		};
	}

	private static String badge(SyncRun.Status status) {
		return switch (status) {
			case SUCCEEDED -> "outcome-success";
			case FAILED -> "danger";
			case WAITING -> "warning";
			default -> "muted-badge";
		};
	}

	private static String duration(@Nullable Duration duration) {
		if (duration == null) {
			return "—";
		}
		long seconds = Math.max(0, duration.toSeconds());
		return (seconds < 60) ? "%.1f s".formatted(duration.toMillis() / 1000.0)
				: "%d min %d s".formatted(seconds / 60, seconds % 60);
	}

}
