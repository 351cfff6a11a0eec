package dev.mailgate.integrations.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

/**
 * A connection's engagement export to its provider's events URL.
 *
 * @param includeEmail whether events carry the address in clear besides its hash
 * @param lastEventId the cursor: the last event the endpoint accepted
 * @param status {@code IDLE}, {@code RETRYING} or {@code PAUSED} (reconnect needed)
 * @param attempts failed attempts at the current batch
 */
record AnalyticsExport(ConnectionId connection, WorkspaceId workspace, boolean enabled, boolean includeEmail,
		@Nullable UUID lastEventId, long exportedCount, String status, int attempts, Instant nextAttemptAt,
		@Nullable Instant claimedUntil, @Nullable String lastError, @Nullable Instant lastSuccessAt) {

	static final String COLUMNS = "connection_id, workspace_id, enabled, include_email, last_event_id, "
			+ "exported_count, status, attempts, next_attempt_at, claimed_until, last_error, last_success_at";

	static AnalyticsExport map(ResultSet rs, int row) throws SQLException {
		return new AnalyticsExport(new ConnectionId(rs.getObject("connection_id", UUID.class)),
				new WorkspaceId(rs.getObject("workspace_id", UUID.class)), rs.getBoolean("enabled"),
				rs.getBoolean("include_email"), rs.getObject("last_event_id", UUID.class), rs.getLong("exported_count"),
				rs.getString("status"), rs.getInt("attempts"),
				Objects.requireNonNull(Timestamps.instant(rs, "next_attempt_at")),
				Timestamps.instant(rs, "claimed_until"), rs.getString("last_error"),
				Timestamps.instant(rs, "last_success_at"));
	}

}
