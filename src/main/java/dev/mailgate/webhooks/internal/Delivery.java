package dev.mailgate.webhooks.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code webhooks_deliveries}: one event for one subscription, and how its
 * sending went so far. Its id is the {@code webhook-id} of every attempt.
 */
record Delivery(UUID id, UUID subscriptionId, String eventType, String payload, String status, int attempts,
		@Nullable Instant nextAttemptAt, @Nullable Instant lastAttemptAt, @Nullable Integer responseStatus,
		Instant createdAt) {

	static final String COLUMNS = """
			id, subscription_id, event_type, payload, status, attempts, next_attempt_at, last_attempt_at,
			response_status, created_at""";

	static Delivery map(ResultSet rs, int row) throws SQLException {
		int status = rs.getInt("response_status");
		return new Delivery(rs.getObject("id", UUID.class), rs.getObject("subscription_id", UUID.class),
				rs.getString("event_type"), rs.getString("payload"), rs.getString("status"), rs.getInt("attempts"),
				Timestamps.instant(rs, "next_attempt_at"), Timestamps.instant(rs, "last_attempt_at"),
				rs.wasNull() ? null : status, Objects.requireNonNull(Timestamps.instant(rs, "created_at")));
	}

	boolean failed() {
		return this.status.equals("FAILED");
	}

	/**
	 * One attempt, as the log shows it.
	 */
	record Attempt(int attempt, Instant at, @Nullable Integer responseStatus, @Nullable String responseExcerpt,
			@Nullable String error, int durationMs) {

		static Attempt map(ResultSet rs, int row) throws SQLException {
			int status = rs.getInt("response_status");
			Integer responseStatus = rs.wasNull() ? null : status;
			return new Attempt(rs.getInt("attempt"), Objects.requireNonNull(Timestamps.instant(rs, "at")),
					responseStatus, rs.getString("response_excerpt"), rs.getString("error"), rs.getInt("duration_ms"));
		}

		boolean succeeded() {
			return this.responseStatus != null && this.responseStatus >= 200 && this.responseStatus < 300;
		}

	}

}
