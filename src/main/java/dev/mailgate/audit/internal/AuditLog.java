package dev.mailgate.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit log as stored in {@code audit_events}: rows are appended and read, newest
 * first; none is ever changed. The only delete is the retention purge.
 */
@Repository
class AuditLog {

	private static final String COLUMNS = """
			select id, at, kind, outcome, actor, workspace_id, app_id, client_id, ip, user_agent, detail, count
			from audit_events
			""";

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void append(AuditEntry entry) {
		AuditEntry row = entry.fitted();
		this.jdbc.sql("""
				insert into audit_events (id, at, kind, outcome, actor, workspace_id, app_id, client_id, ip,
				user_agent, detail, count) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(row.id(), Timestamps.utc(row.at()), row.kind(), row.outcome(), row.actor(),
					(row.workspace() != null) ? row.workspace().value() : null,
					(row.app() != null) ? row.app().value() : null, row.clientId(), row.ip(), row.userAgent(),
					row.detail(), row.count())
			.update();
	}

	/**
	 * The events the query matches, newest first, after the cursor when one is given.
	 */
	AuditLogPage page(AuditLogQuery query, @Nullable AuditLogCursor after, int limit) {
		List<Object> params = new ArrayList<>();
		String sql = pageStatement(query, after, params);
		params.add(limit + 1);
		List<AuditEntry> rows = this.jdbc.sql(sql).params(params).query(AuditLog::entry).list();
		if (rows.size() <= limit) {
			return new AuditLogPage(rows, null);
		}
		List<AuditEntry> page = rows.subList(0, limit);
		return new AuditLogPage(List.copyOf(page), AuditLogCursor.after(page.get(limit - 1)));
	}

	/**
	 * The statement for a page: its parameters are added to {@code params}, but for the
	 * last, the number of rows to read.
	 */
	static String pageStatement(AuditLogQuery query, @Nullable AuditLogCursor after, List<Object> params) {
		StringBuilder sql = new StringBuilder(COLUMNS).append(where(query, params));
		if (after != null) {
			Object at = Objects.requireNonNull(Timestamps.utc(after.at()));
			// The plain range lets the database seek to the cursor; the rest breaks ties.
			sql.append(" and at <= ? and (at < ? or (at = ? and id < ?))");
			params.addAll(List.of(at, at, at, after.id()));
		}
		// A workspace's page names the index's leading column too: without it, H2 takes
		// the order for one it must sort, and sorts all of the workspace's events for
		// every page (docs/benchmarks.md, "Contacts API", for the same trap).
		sql.append(query.withoutWorkspace() ? " order by at desc, id desc limit ?"
				: " order by workspace_id desc, at desc, id desc limit ?");
		return sql.toString();
	}

	/**
	 * Deletes up to {@code batch} events older than {@code before}.
	 * @return how many were deleted
	 */
	int purgeBatch(Instant before, int batch) {
		return this.jdbc.sql("""
				delete from audit_events where id in (select id from audit_events where at < ? order by at limit ?)""")
			.params(Timestamps.utc(before), batch)
			.update();
	}

	private static String where(AuditLogQuery query, List<Object> params) {
		StringBuilder where = new StringBuilder(query.withoutWorkspace()
				? "where (workspace_id = ? or workspace_id is null)" : "where workspace_id = ?");
		params.add(query.workspace().value());
		if (!query.kinds().isEmpty()) {
			where.append(" and kind in (").append(String.join(", ", Collections.nCopies(query.kinds().size(), "?")));
			where.append(')');
			params.addAll(query.kinds());
		}
		condition(where, params, " and outcome = ?", query.outcome());
		condition(where, params, " and app_id = ?", (query.app() != null) ? query.app().value() : null);
		condition(where, params, " and client_id = ?", query.clientId());
		condition(where, params, " and lower(actor) like ? escape '\\'",
				(query.actor() != null) ? "%" + escaped(query.actor().toLowerCase(Locale.ROOT)) + "%" : null);
		condition(where, params, " and ip like ? escape '\\'", (query.ip() != null) ? escaped(query.ip()) + "%" : null);
		condition(where, params, " and at >= ?", Timestamps.utc(query.since()));
		condition(where, params, " and at < ?", Timestamps.utc(query.until()));
		return where.toString();
	}

	private static void condition(StringBuilder where, List<Object> params, String sql, @Nullable Object value) {
		if (value != null) {
			where.append(sql);
			params.add(value);
		}
	}

	/**
	 * The text with LIKE's wildcards taken literally.
	 */
	private static String escaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
		UUID workspace = rs.getObject("workspace_id", UUID.class);
		UUID app = rs.getObject("app_id", UUID.class);
		return new AuditEntry(rs.getObject("id", UUID.class), Objects.requireNonNull(Timestamps.instant(rs, "at")),
				rs.getString("kind"), rs.getString("outcome"), rs.getString("actor"),
				(workspace != null) ? new WorkspaceId(workspace) : null, (app != null) ? new AppId(app) : null,
				rs.getString("client_id"), rs.getString("ip"), rs.getString("user_agent"), rs.getString("detail"),
				rs.getInt("count"));
	}

}
