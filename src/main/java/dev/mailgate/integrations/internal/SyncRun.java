package dev.mailgate.integrations.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

/**
 * One contact sync run of a connection, with its place at the provider and its counts so
 * far.
 *
 * @param startedBy {@code manual}, {@code schedule}, {@code cli} or {@code api}
 * @param cursor where the next page starts, in the source's own format
 * @param updatedSince the incremental run's lower bound; {@code null} for a full sync
 * @param watermark when this run started asking: the next run's {@code updatedSince}
 * @param total how many contacts the provider says the run will see, when it says
 * @param failures the first few rejected contacts and why
 * @param attempts failed requests to the provider so far
 * @param waits the times in a row the run stopped to wait for the provider
 */
record SyncRun(UUID id, ConnectionId connection, WorkspaceId workspace, String startedBy, Status status,
		@Nullable String cursor, @Nullable Instant updatedSince, Instant watermark, @Nullable Long total, long fetched,
		long created, long updated, long skipped, long failed, List<String> failures, int attempts, int waits,
		@Nullable String lastError, @Nullable Instant nextAttemptAt, @Nullable Instant heartbeatAt,
		@Nullable String node, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt) {

	static final String COLUMNS = "id, connection_id, workspace_id, started_by, status, page_cursor, updated_since, "
			+ "watermark, total, fetched, created, updated, skipped, failed, failures, attempts, waits, last_error, "
			+ "next_attempt_at, heartbeat_at, node, created_at, started_at, finished_at";

	boolean finished() {
		return this.status.finished();
	}

	/**
	 * The share of the total fetched, from 0 to 100, when the provider gave a total.
	 */
	@Nullable Integer percent() {
		if (this.total == null) {
			return null;
		}
		if (finished() && this.status == Status.SUCCEEDED) {
			return 100;
		}
		return (this.total == 0) ? 0 : (int) Math.min(99, this.fetched * 100 / this.total);
	}

	@Nullable Duration duration() {
		return (this.startedAt != null && this.finishedAt != null) ? Duration.between(this.startedAt, this.finishedAt)
				: null;
	}

	static SyncRun map(ResultSet rs, int row) throws SQLException {
		String failures = rs.getString("failures");
		Long total = rs.getObject("total", Long.class);
		return new SyncRun(rs.getObject("id", UUID.class), new ConnectionId(rs.getObject("connection_id", UUID.class)),
				new WorkspaceId(rs.getObject("workspace_id", UUID.class)), rs.getString("started_by"),
				Status.of(rs.getString("status")), rs.getString("page_cursor"), Timestamps.instant(rs, "updated_since"),
				Timestamps.instant(rs, "watermark"), total, rs.getLong("fetched"), rs.getLong("created"),
				rs.getLong("updated"), rs.getLong("skipped"), rs.getLong("failed"),
				(failures == null || failures.isEmpty()) ? List.of() : Arrays.asList(failures.split("\n")),
				rs.getInt("attempts"), rs.getInt("waits"), rs.getString("last_error"),
				Timestamps.instant(rs, "next_attempt_at"), Timestamps.instant(rs, "heartbeat_at"), rs.getString("node"),
				Timestamps.instant(rs, "created_at"), Timestamps.instant(rs, "started_at"),
				Timestamps.instant(rs, "finished_at"));
	}

	/**
	 * Where a run is: waiting to start, running on a node, waiting for the provider to
	 * come back, or done.
	 */
	enum Status {

		QUEUED, RUNNING, WAITING, SUCCEEDED, FAILED, CANCELLED;

		String value() {
			return name().toLowerCase(Locale.ROOT);
		}

		boolean finished() {
			return this == SUCCEEDED || this == FAILED || this == CANCELLED;
		}

		static Status of(String value) {
			return valueOf(value.toUpperCase(Locale.ROOT));
		}

	}

}
