package dev.mailgate.integrations.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A run as the API and the sync page's progress bar read it (snake_case, times in ISO
 * 8601). Never carries a token: a run holds none.
 */
final class SyncRunJson {

	private SyncRunJson() {
	}

	static Map<String, @Nullable Object> write(SyncRun run) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("id", run.id().toString());
		json.put("connection_id", run.connection().toString());
		json.put("status", run.status().value());
		json.put("started_by", run.startedBy());
		json.put("incremental", run.updatedSince() != null);
		json.put("updated_since", text(run.updatedSince()));
		json.put("total", run.total());
		json.put("percent", run.percent());
		json.put("fetched", run.fetched());
		json.put("created", run.created());
		json.put("updated", run.updated());
		json.put("skipped", run.skipped());
		json.put("failed", run.failed());
		json.put("failures", run.failures());
		json.put("attempts", run.attempts());
		json.put("waits", run.waits());
		json.put("last_error", run.lastError());
		json.put("next_attempt_at", text(run.nextAttemptAt()));
		json.put("created_at", text(run.createdAt()));
		json.put("started_at", text(run.startedAt()));
		json.put("finished_at", text(run.finishedAt()));
		Duration duration = run.duration();
		json.put("duration_seconds", (duration != null) ? duration.toMillis() / 1000.0 : null);
		return json;
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
