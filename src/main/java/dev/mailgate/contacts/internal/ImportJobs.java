package dev.mailgate.contacts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * CSV imports in {@code contacts_imports}, so that any node shows any import's progress.
 * The node running one writes its counts a batch at a time and a heartbeat every few
 * seconds; an import whose heartbeat is older than
 * {@link ContactsProperties#importHeartbeatTimeout()} shows as interrupted, its node
 * having died. While it runs, {@code running_in} holds its workspace, whose unique index
 * lets one import run at a time per workspace across all nodes.
 */
@Repository
class ImportJobs {

	static final Duration KEPT = Duration.ofDays(1);

	private static final String COLUMNS = "id, workspace_id, file_name, state, total, processed, created, updated, "
			+ "rejected, failure, heartbeat_at, started_at";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration timeout;

	ImportJobs(JdbcClient jdbc, Clock clock, ContactsProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.timeout = properties.importHeartbeatTimeout();
	}

	/**
	 * Records a started import.
	 * @throws org.springframework.dao.DuplicateKeyException when its workspace has one
	 * running
	 */
	void insert(ImportJob job) {
		this.jdbc
			.sql("insert into contacts_imports (" + COLUMNS + ", running_in) values (?, ?, ?, ?, ?, 0, 0, 0, 0, "
					+ "null, ?, ?, ?)")
			.params(job.id(), job.workspace().value(), job.fileName(), "running", job.total(),
					Timestamps.utc(job.startedAt()), Timestamps.utc(job.startedAt()), job.workspace().value())
			.update();
	}

	Optional<ImportJob> find(WorkspaceId workspace, UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from contacts_imports where id = ? and workspace_id = ?")
			.params(id, workspace.value())
			.query(this::job)
			.optional();
	}

	Optional<ImportJob> running(WorkspaceId workspace) {
		return this.jdbc.sql("select " + COLUMNS + " from contacts_imports where running_in = ?")
			.param(workspace.value())
			.query(this::job)
			.optional()
			.filter(ImportJob::running);
	}

	/**
	 * The workspace's last five imports, the latest first.
	 */
	List<ImportJob> recent(WorkspaceId workspace) {
		return this.jdbc
			.sql("select " + COLUMNS + " from contacts_imports where workspace_id = ? "
					+ "order by started_at desc, id desc limit 5")
			.param(workspace.value())
			.query(this::job)
			.list();
	}

	/**
	 * Writes a running import's counts and heartbeat.
	 * @throws ImportLost when it no longer runs (it was given up for interrupted)
	 */
	void progress(ImportTally tally) {
		held(tally, "", Map.of());
	}

	/**
	 * Ends a running import with its last counts.
	 * @throws ImportLost when it no longer runs (it was given up for interrupted)
	 */
	void end(ImportTally tally, ImportJob.State state, @Nullable String failure) {
		Map<String, @Nullable Object> ending = new HashMap<>();
		ending.put("state", state.name().toLowerCase(Locale.ROOT));
		ending.put("failure", failure);
		held(tally, ", state = :state, failure = :failure, running_in = null, finished_at = :now", ending);
	}

	/**
	 * Keeps this node's running imports from looking interrupted.
	 */
	void heartbeat(Collection<UUID> ids) {
		if (!ids.isEmpty()) {
			this.jdbc.sql("update contacts_imports set heartbeat_at = :now where id in (:ids) and state = 'running'")
				.param("now", Timestamps.utc(this.clock.instant()))
				.param("ids", ids)
				.update();
		}
	}

	/**
	 * Marks the running imports whose node went silent (of one workspace, or of all when
	 * {@code null}) as interrupted, which frees their workspace for another. Nodes may
	 * run it at once.
	 */
	int interruptSilent(@Nullable WorkspaceId workspace) {
		Instant now = this.clock.instant();
		return this.jdbc
			.sql("update contacts_imports set state = 'interrupted', running_in = null, finished_at = :now "
					+ "where state = 'running' and heartbeat_at < :silentSince"
					+ ((workspace != null) ? " and running_in = :workspace" : ""))
			.param("now", Timestamps.utc(now))
			.param("silentSince", Timestamps.utc(now.minus(this.timeout)))
			.params((workspace != null) ? Map.of("workspace", workspace.value()) : Map.of())
			.update();
	}

	/**
	 * Deletes the imports that ended more than a day ago, with their rejected rows.
	 */
	int deleteEnded() {
		return this.jdbc.sql("delete from contacts_imports where finished_at < ?")
			.param(Timestamps.utc(this.clock.instant().minus(KEPT)))
			.update();
	}

	private void held(ImportTally tally, String set, Map<String, @Nullable Object> values) {
		int updated = this.jdbc
			.sql("update contacts_imports set heartbeat_at = :now, processed = :processed, created = :created, "
					+ "updated = :updated, rejected = :rejected" + set + " where id = :id and state = 'running'")
			.param("now", Timestamps.utc(this.clock.instant()))
			.param("processed", tally.processed())
			.param("created", tally.created())
			.param("updated", tally.updated())
			.param("rejected", tally.rejected())
			.param("id", tally.job())
			.params(values)
			.update();
		if (updated == 0) {
			throw new ImportLost();
		}
	}

	private ImportJob job(ResultSet rs, int row) throws SQLException {
		ImportJob.State state = ImportJob.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT));
		Instant heartbeat = Timestamps.instant(rs, "heartbeat_at");
		if (state == ImportJob.State.RUNNING && heartbeat.isBefore(this.clock.instant().minus(this.timeout))) {
			state = ImportJob.State.INTERRUPTED;
		}
		return new ImportJob(rs.getObject("id", UUID.class), new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
				rs.getString("file_name"), state, rs.getInt("total"), rs.getInt("processed"), rs.getInt("created"),
				rs.getInt("updated"), rs.getInt("rejected"), rs.getString("failure"),
				Timestamps.instant(rs, "started_at"));
	}

	/**
	 * The import this node ran was given up for interrupted by another (this node was
	 * silent too long): it must stop.
	 */
	static final class ImportLost extends RuntimeException {

		ImportLost() {
			super("The import was given up for interrupted");
		}

	}

}
