package dev.mailgate.integrations.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Engagement exports in {@code integrations_analytics_exports}. A node works on an export
 * only after claiming it with a conditional update (until a time), and every write of the
 * outcome is conditional on that same claim: a node whose claim ran out and was taken
 * over cannot move the cursor.
 */
@Repository
class JdbcAnalyticsExports {

	private static final String DUE = "enabled = true and next_attempt_at <= :now "
			+ "and (claimed_until is null or claimed_until < :now)";

	private final JdbcClient jdbc;

	JdbcAnalyticsExports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<AnalyticsExport> find(ConnectionId connection) {
		return this.jdbc
			.sql("select " + AnalyticsExport.COLUMNS + " from integrations_analytics_exports where connection_id = ?")
			.param(connection.value())
			.query(AnalyticsExport::map)
			.optional();
	}

	/**
	 * Turns the export on (from the first event, the first time), due now.
	 */
	void enable(WorkspaceId workspace, ConnectionId connection, boolean includeEmail, Instant now) {
		int updated = this.jdbc.sql("""
				update integrations_analytics_exports set enabled = true, include_email = ?, next_attempt_at = ?,
				updated_at = ? where connection_id = ?""")
			.params(includeEmail, Timestamps.utc(now), Timestamps.utc(now), connection.value())
			.update();
		if (updated == 0) {
			this.jdbc.sql("""
					insert into integrations_analytics_exports (connection_id, workspace_id, enabled, include_email,
					status, next_attempt_at, updated_at) values (?, ?, true, ?, 'IDLE', ?, ?)""")
				.params(connection.value(), workspace.value(), includeEmail, Timestamps.utc(now), Timestamps.utc(now))
				.update();
		}
	}

	void disable(ConnectionId connection, Instant now) {
		this.jdbc
			.sql("update integrations_analytics_exports set enabled = false, updated_at = ? where connection_id = ?")
			.params(Timestamps.utc(now), connection.value())
			.update();
	}

	/**
	 * Makes an enabled export due now, skipping the wait before its next retry.
	 */
	boolean dueNow(ConnectionId connection, Instant now) {
		return this.jdbc.sql("""
				update integrations_analytics_exports set next_attempt_at = ?, updated_at = ?
				where connection_id = ? and enabled = true""")
			.params(Timestamps.utc(now), Timestamps.utc(now), connection.value())
			.update() == 1;
	}

	List<ConnectionId> due(Instant now, int limit) {
		return this.jdbc
			.sql("select connection_id from integrations_analytics_exports where " + DUE
					+ " order by next_attempt_at limit :limit")
			.param("now", Timestamps.utc(now))
			.param("limit", limit)
			.query((rs, row) -> new ConnectionId(rs.getObject(1, UUID.class)))
			.list();
	}

	/**
	 * Claims a due export for this node until {@code until}: of two nodes, one wins.
	 */
	boolean claim(ConnectionId connection, Instant now, Instant until) {
		return this.jdbc
			.sql("update integrations_analytics_exports set claimed_until = :until where connection_id = :id and "
					+ DUE)
			.param("until", Timestamps.utc(until))
			.param("id", connection.value())
			.param("now", Timestamps.utc(now))
			.update() == 1;
	}

	/**
	 * The endpoint accepted a batch: the cursor moves past it, in the update that records
	 * the success.
	 */
	boolean exported(ConnectionId connection, Instant claim, UUID lastEvent, int count, Instant now) {
		return this.jdbc.sql("""
				update integrations_analytics_exports set last_event_id = ?, exported_count = exported_count + ?,
				status = 'IDLE', attempts = 0, last_error = null, last_success_at = ?, updated_at = ?
				where connection_id = ? and claimed_until = ?""")
			.params(lastEvent, count, Timestamps.utc(now), Timestamps.utc(now), connection.value(),
					Timestamps.utc(claim))
			.update() == 1;
	}

	/**
	 * Ends the claim: the next run is due at {@code next}; a failure records its status,
	 * attempts and error, a success or an empty feed clears them.
	 */
	void release(ConnectionId connection, Instant claim, String status, int attempts, @Nullable String error,
			Instant next, Instant now) {
		this.jdbc.sql("""
				update integrations_analytics_exports set claimed_until = null, status = ?, attempts = ?,
				last_error = ?, next_attempt_at = ?, updated_at = ? where connection_id = ? and claimed_until = ?""")
			.params(status, attempts, error, Timestamps.utc(next), Timestamps.utc(now), connection.value(),
					Timestamps.utc(claim))
			.update();
	}

}
