package dev.mailgate.audit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's figures, read from the audit log ({@code audit_events}) and summed in
 * the database per minute or hour: tokens issued by grant type, failed authentications,
 * rate-limited requests, the busiest apps. A {@code null} workspace means every workspace
 * (platform administrators).
 */
@Repository
class SecurityDashboardFigures {

	static final String TOKEN_ISSUED = "token.issued";

	static final String CLIENT_AUTH_FAILED = "client_auth.failed";

	static final String SIGN_IN_FAILED = "signin.failed";

	static final String RATE_LIMIT_HIT = "ratelimit.hit";

	private final JdbcClient jdbc;

	SecurityDashboardFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts of one kind per bucket and {@code detail} (the grant type of
	 * {@code token.issued}, the limit of {@code ratelimit.hit}).
	 */
	List<Count> byDetail(String kind, @Nullable WorkspaceId workspace, SecurityDashboardRange range, Instant since) {
		String bucket = bucket(range);
		List<Object> params = new ArrayList<>(List.of(kind, Timestamps.utc(since)));
		return this.jdbc.sql("select " + bucket + " as bucket, detail, sum(count) as total from audit_events "
				+ "where kind = ? and at >= ?" + inWorkspace(workspace, params) + " group by " + bucket + ", detail")
			.params(params)
			.query((rs, row) -> new Count(rs.getLong("bucket") * range.bucketSeconds(),
					(rs.getString("detail") != null) ? rs.getString("detail") : "", rs.getLong("total")))
			.list();
	}

	/**
	 * Counts per bucket and kind, for kinds recorded one event a row.
	 */
	List<Count> byKind(List<String> kinds, @Nullable WorkspaceId workspace, SecurityDashboardRange range,
			Instant since) {
		String bucket = bucket(range);
		List<Object> params = new ArrayList<>(kinds);
		params.add(Timestamps.utc(since));
		String marks = String.join(", ", kinds.stream().map((kind) -> "?").toList());
		return this.jdbc
			.sql("select " + bucket + " as bucket, kind, sum(count) as total from audit_events " + "where kind in ("
					+ marks + ") and at >= ?" + inWorkspace(workspace, params) + " group by " + bucket + ", kind")
			.params(params)
			.query((rs, row) -> new Count(rs.getLong("bucket") * range.bucketSeconds(), rs.getString("kind"),
					rs.getLong("total")))
			.list();
	}

	/**
	 * The apps issued the most tokens since the given time, most first.
	 */
	List<AppTokens> topApps(@Nullable WorkspaceId workspace, Instant since, int limit) {
		List<Object> params = new ArrayList<>(List.of(TOKEN_ISSUED, Timestamps.utc(since)));
		String where = inWorkspace(workspace, params);
		params.add(limit);
		return this.jdbc
			.sql("select app_id, max(client_id) as client_id, sum(count) as tokens from audit_events "
					+ "where kind = ? and at >= ? and app_id is not null" + where
					+ " group by app_id order by tokens desc, client_id limit ?")
			.params(params)
			.query((rs, row) -> new AppTokens(new AppId(rs.getObject("app_id", UUID.class)), rs.getString("client_id"),
					rs.getLong("tokens")))
			.list();
	}

	/**
	 * Seconds since the epoch, divided into whole buckets: the same on H2 and PostgreSQL,
	 * whatever the session's time zone.
	 */
	private static String bucket(SecurityDashboardRange range) {
		return "floor(extract(epoch from at) / " + range.bucketSeconds() + ")";
	}

	private static String inWorkspace(@Nullable WorkspaceId workspace, List<Object> params) {
		if (workspace == null) {
			return "";
		}
		params.add(workspace.value());
		return " and workspace_id = ?";
	}

	/**
	 * @param bucketStart the bucket's start, in seconds since the epoch
	 * @param key the grant type, limit or kind counted
	 */
	record Count(long bucketStart, String key, long total) {
	}

	record AppTokens(AppId app, @Nullable String clientId, long tokens) {
	}

}
