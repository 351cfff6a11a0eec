package dev.mailgate.integrations.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sync runs in {@code integrations_sync_runs}. A node works on a run only while it holds
 * it: every write after the claim names the node, so a node that was given up for dead
 * and comes back writes nothing.
 */
@Repository
class JdbcSyncRuns {

	private static final String SELECT = "select " + SyncRun.COLUMNS + " from integrations_sync_runs ";

	private static final String ACTIVE = "status in ('queued', 'running', 'waiting')";

	private final JdbcClient jdbc;

	JdbcSyncRuns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	SyncRun create(Connection connection, String startedBy, @Nullable Instant updatedSince, Instant now) {
		UUID id = TimeOrderedIds.next(now);
		this.jdbc.sql("""
				insert into integrations_sync_runs (id, connection_id, workspace_id, started_by, status, updated_since,
				watermark, next_attempt_at, created_at) values (?, ?, ?, ?, 'queued', ?, ?, ?, ?)""")
			.params(id, connection.id().value(), connection.workspace().value(), startedBy,
					Timestamps.utc(updatedSince), Timestamps.utc(now), Timestamps.utc(now), Timestamps.utc(now))
			.update();
		return find(id).orElseThrow();
	}

	Optional<SyncRun> find(UUID id) {
		return this.jdbc.sql(SELECT + "where id = ?").param(id).query(SyncRun::map).optional();
	}

	Optional<SyncRun> find(WorkspaceId workspace, UUID id) {
		return this.jdbc.sql(SELECT + "where id = ? and workspace_id = ?")
			.params(id, workspace.value())
			.query(SyncRun::map)
			.optional();
	}

	Optional<SyncRun> active(ConnectionId connection) {
		return this.jdbc.sql(SELECT + "where connection_id = ? and " + ACTIVE + " order by created_at limit 1")
			.param(connection.value())
			.query(SyncRun::map)
			.optional();
	}

	List<SyncRun> history(ConnectionId connection, int limit) {
		return this.jdbc.sql(SELECT + "where connection_id = ? order by created_at desc, id desc limit ?")
			.params(connection.value(), limit)
			.query(SyncRun::map)
			.list();
	}

	/**
	 * Runs to pick up: queued or waiting ones whose time has come, and running ones whose
	 * node has gone silent.
	 */
	List<UUID> due(Instant now, Instant staleBefore, int limit) {
		return this.jdbc.sql("""
				select id from integrations_sync_runs where (status in ('queued', 'waiting') and next_attempt_at <= ?)
				or (status = 'running' and heartbeat_at < ?) order by next_attempt_at, id limit ?""")
			.params(Timestamps.utc(now), Timestamps.utc(staleBefore), limit)
			.query(UUID.class)
			.list();
	}

	/**
	 * Takes the run for this node if it is still due: of all nodes trying, one wins.
	 */
	boolean claim(UUID id, String node, Instant now, Instant staleBefore) {
		return this.jdbc
			.sql("""
					update integrations_sync_runs set status = 'running', node = ?, heartbeat_at = ?,
					started_at = coalesce(started_at, ?), next_attempt_at = null where id = ? and
					((status in ('queued', 'waiting') and next_attempt_at <= ?) or (status = 'running' and heartbeat_at < ?))""")
			.params(node, Timestamps.utc(now), Timestamps.utc(now), id, Timestamps.utc(now),
					Timestamps.utc(staleBefore))
			.update() == 1;
	}

	boolean heartbeat(UUID id, String node, Instant now) {
		return held("heartbeat_at = ?", id, node, Timestamps.utc(now));
	}

	void total(UUID id, String node, long total) {
		held("total = ?", id, node, total);
	}

	/**
	 * Records a page written: the cursor of the next one and the counts; call it in the
	 * page's transaction.
	 * @return whether this node still held the run (if not, roll the page back)
	 */
	boolean pageWritten(UUID id, String node, @Nullable String nextCursor, PageCounts counts, List<String> failures,
			Instant now) {
		return held(
				"page_cursor = ?, fetched = fetched + ?, created = created + ?, updated = updated + ?, "
						+ "skipped = skipped + ?, failed = failed + ?, failures = ?, waits = 0, heartbeat_at = ?",
				id, node, nextCursor, counts.fetched(), counts.created(), counts.updated(), counts.skipped(),
				counts.failed(), failures.isEmpty() ? null : String.join("\n", failures), Timestamps.utc(now));
	}

	void failedAttempt(UUID id, String node, String error, Instant now) {
		held("attempts = attempts + 1, last_error = ?, heartbeat_at = ?", id, node, shorten(error),
				Timestamps.utc(now));
	}

	/**
	 * Lets the run go until {@code until}, when any node may take it up again from its
	 * cursor.
	 */
	boolean waitUntil(UUID id, String node, Instant until, String error) {
		return held("status = 'waiting', waits = waits + 1, next_attempt_at = ?, last_error = ?, node = null", id, node,
				Timestamps.utc(until), shorten(error));
	}

	boolean finish(UUID id, String node, SyncRun.Status status, @Nullable String error, Instant now) {
		return held("status = ?, last_error = coalesce(?, last_error), finished_at = ?, next_attempt_at = null", id,
				node, status.value(), (error != null) ? shorten(error) : null, Timestamps.utc(now));
	}

	/**
	 * Ends a queued, running or waiting run whichever node holds it: that node's next
	 * write finds the run no longer its own and stops, so no page after this one is
	 * written.
	 * @return whether the run was still going
	 */
	boolean cancel(UUID id, Instant now) {
		return this.jdbc
			.sql("update integrations_sync_runs set status = 'cancelled', finished_at = ?, "
					+ "next_attempt_at = null, node = null where id = ? and " + ACTIVE)
			.params(Timestamps.utc(now), id)
			.update() == 1;
	}

	private boolean held(String set, UUID id, String node, @Nullable Object... values) {
		Object[] params = new Object[values.length + 2];
		System.arraycopy(values, 0, params, 0, values.length);
		params[values.length] = id;
		params[values.length + 1] = node;
		return this.jdbc
			.sql("update integrations_sync_runs set " + set + " where id = ? and node = ? and status = 'running'")
			.params(params)
			.update() == 1;
	}

	private static String shorten(String error) {
		return (error.length() > 500) ? error.substring(0, 497) + "…" : error;
	}

	/**
	 * What became of one page's contacts.
	 *
	 * @param skipped contacts the source sent without an email address, or archived
	 */
	record PageCounts(long fetched, long created, long updated, long skipped, long failed) {
	}

}
