package dev.mailgate.ratelimit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The apps' own budgets in {@code ratelimit_app_limits}.
 */
class JdbcAppLimits {

	private final JdbcClient jdbc;

	JdbcAppLimits(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<AppLimit> all() {
		return this.jdbc.sql("""
				select client_id, token_quota, token_window_seconds, api_quota, api_window_seconds, updated_at,
				updated_by from ratelimit_app_limits order by client_id""").query(JdbcAppLimits::row).list();
	}

	@Transactional
	void save(AppLimit limit) {
		int updated = this.jdbc.sql("""
				update ratelimit_app_limits set token_quota = ?, token_window_seconds = ?, api_quota = ?,
				api_window_seconds = ?, updated_at = ?, updated_by = ? where client_id = ?""")
			.params(quota(limit.tokenEndpoint()), window(limit.tokenEndpoint()), quota(limit.api()),
					window(limit.api()), Timestamps.utc(limit.updatedAt()), limit.updatedBy(), limit.clientId())
			.update();
		if (updated == 0) {
			this.jdbc.sql("""
					insert into ratelimit_app_limits (token_quota, token_window_seconds, api_quota, api_window_seconds,
					updated_at, updated_by, client_id) values (?, ?, ?, ?, ?, ?, ?)""")
				.params(quota(limit.tokenEndpoint()), window(limit.tokenEndpoint()), quota(limit.api()),
						window(limit.api()), Timestamps.utc(limit.updatedAt()), limit.updatedBy(), limit.clientId())
				.update();
		}
	}

	boolean delete(String clientId) {
		return this.jdbc.sql("delete from ratelimit_app_limits where client_id = ?").param(clientId).update() > 0;
	}

	private static @Nullable Long quota(@Nullable Budget budget) {
		return (budget != null) ? budget.quota() : null;
	}

	private static @Nullable Integer window(@Nullable Budget budget) {
		return (budget != null) ? (int) budget.window().toSeconds() : null;
	}

	private static AppLimit row(ResultSet rs, int row) throws SQLException {
		return new AppLimit(rs.getString("client_id"),
				budget(Policies.TOKEN_ENDPOINT, rs, "token_quota", "token_window_seconds"),
				budget(Policies.API, rs, "api_quota", "api_window_seconds"), Timestamps.instant(rs, "updated_at"),
				rs.getString("updated_by"));
	}

	private static @Nullable Budget budget(String name, ResultSet rs, String quota, String window) throws SQLException {
		long q = rs.getLong(quota);
		if (rs.wasNull()) {
			return null;
		}
		return Budget.of(name, q, Duration.ofSeconds(rs.getInt(window)));
	}

}
