package dev.mailgate.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Alerts as stored in {@code audit_alerts}. A {@code null} workspace in a query means
 * every workspace (platform administrators).
 */
@Repository
class AlertStore {

	private static final String COLUMNS = """
			select id, raised_at, rule, severity, workspace_id, app_id, client_id, summary, detail, hits, action_taken,
			acknowledged_at, acknowledged_by from audit_alerts
			""";

	private static final int LONGEST_DETAIL = 2000;

	private final JdbcClient jdbc;

	AlertStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The open alert of this rule and app raised since the given time, if any.
	 */
	Optional<UUID> openFor(AlertRule rule, AppId app, Instant since) {
		return this.jdbc.sql("""
				select id from audit_alerts
				where rule = ? and app_id = ? and raised_at >= ? and acknowledged_at is null
				order by raised_at desc limit 1""")
			.params(rule.id(), app.value(), Timestamps.utc(since))
			.query(UUID.class)
			.optional();
	}

	void insert(UUID id, AlertHit hit, @Nullable WorkspaceId workspace, Instant at) {
		this.jdbc.sql("""
				insert into audit_alerts (id, raised_at, rule, severity, workspace_id, app_id, client_id, summary,
				detail, hits) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, Timestamps.utc(at), hit.rule().id(), hit.rule().severity(),
					(workspace != null) ? workspace.value() : null, hit.app().value(), hit.clientId(),
					shorten(hit.summary(), 400), shorten(hit.detail(), LONGEST_DETAIL), hit.hits())
			.update();
	}

	void addHits(UUID id, int hits) {
		this.jdbc.sql("update audit_alerts set hits = hits + ? where id = ?").params(hits, id).update();
	}

	void recordAction(UUID id, String action) {
		this.jdbc.sql("update audit_alerts set action_taken = ? where id = ?")
			.params(shorten(action, 400), id)
			.update();
	}

	/**
	 * Marks the alert as looked into, if it is open and (for a workspace) belongs to it.
	 * @return whether it was open
	 */
	boolean acknowledge(UUID id, @Nullable WorkspaceId workspace, String by, Instant at) {
		return this.jdbc.sql(
				"update audit_alerts set acknowledged_at = ?, acknowledged_by = ? where id = ? and acknowledged_at is null"
						+ ((workspace != null) ? " and workspace_id = ?" : ""))
			.params(withWorkspace(new ArrayList<>(List.of(Timestamps.utc(at), shorten(by, 400), id)), workspace))
			.update() == 1;
	}

	Optional<Alert> find(UUID id, @Nullable WorkspaceId workspace) {
		return this.jdbc.sql(COLUMNS + "where id = ?" + ((workspace != null) ? " and workspace_id = ?" : ""))
			.params(withWorkspace(new ArrayList<>(List.of(id)), workspace))
			.query(AlertStore::alert)
			.optional();
	}

	/**
	 * The newest alerts first.
	 */
	List<Alert> list(@Nullable WorkspaceId workspace, AlertStatus status, int limit) {
		List<String> conditions = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		if (workspace != null) {
			conditions.add("workspace_id = ?");
			params.add(workspace.value());
		}
		if (status == AlertStatus.OPEN) {
			conditions.add("acknowledged_at is null");
		}
		else if (status == AlertStatus.ACKNOWLEDGED) {
			conditions.add("acknowledged_at is not null");
		}
		params.add(limit);
		String where = conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions) + " ";
		return this.jdbc.sql(COLUMNS + where + "order by raised_at desc limit ?")
			.params(params)
			.query(AlertStore::alert)
			.list();
	}

	long countOpen(@Nullable WorkspaceId workspace) {
		return this.jdbc
			.sql("select count(*) from audit_alerts where acknowledged_at is null"
					+ ((workspace != null) ? " and workspace_id = ?" : ""))
			.params(withWorkspace(new ArrayList<>(), workspace))
			.query(Long.class)
			.single();
	}

	private static List<Object> withWorkspace(List<Object> params, @Nullable WorkspaceId workspace) {
		if (workspace != null) {
			params.add(workspace.value());
		}
		return params;
	}

	private static String shorten(String text, int length) {
		return (text.length() > length) ? text.substring(0, length - 1) + "…" : text;
	}

	private static Alert alert(ResultSet rs, int row) throws SQLException {
		UUID workspace = rs.getObject("workspace_id", UUID.class);
		UUID app = rs.getObject("app_id", UUID.class);
		return new Alert(rs.getObject("id", UUID.class), Objects.requireNonNull(Timestamps.instant(rs, "raised_at")),
				rs.getString("rule"), rs.getString("severity"), (workspace != null) ? new WorkspaceId(workspace) : null,
				(app != null) ? new AppId(app) : null, rs.getString("client_id"), rs.getString("summary"),
				rs.getString("detail"), rs.getInt("hits"), rs.getString("action_taken"),
				Timestamps.instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"));
	}

}
