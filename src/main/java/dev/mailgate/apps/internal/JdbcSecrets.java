package dev.mailgate.apps.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import dev.mailgate.apps.ExpiringClientSecret;
import dev.mailgate.apps.SecretId;
import dev.mailgate.apps.SecretSummary;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Client secrets as stored: SHA-256, the first eight and last four characters, and dates.
 */
@Repository
class JdbcSecrets {

	private static final String COLUMNS = """
			select id, display_prefix, last_four, created_at, last_used_at, last_used_ip, expires_at, revoked_at
			from apps_client_secrets
			""";

	private static final String EXPIRING = """
			select s.app_id, a.workspace_id, a.name, a.client_id, s.display_prefix, s.last_four, s.expires_at
			from apps_client_secrets s join apps_apps a on a.id = s.app_id
			where s.revoked_at is null and s.expires_at > ? and s.expires_at <= ?
			""";

	private final JdbcClient jdbc;

	JdbcSecrets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<SecretSummary> of(AppId app) {
		return this.jdbc.sql(COLUMNS + "where app_id = ? order by created_at desc")
			.param(app.value())
			.query(JdbcSecrets::summary)
			.list();
	}

	Optional<SecretSummary> find(AppId app, SecretId secret) {
		return this.jdbc.sql(COLUMNS + "where app_id = ? and id = ?")
			.params(app.value(), secret.value())
			.query(JdbcSecrets::summary)
			.optional();
	}

	/**
	 * The active secrets' ids and hashes, for checking presented secrets.
	 */
	List<ActiveSecret> active(AppId app, Instant now) {
		return this.jdbc.sql("""
				select id, secret_hash from apps_client_secrets
				where app_id = ? and revoked_at is null and (expires_at is null or expires_at > ?)""")
			.params(app.value(), Timestamps.utc(now))
			.query((rs, row) -> new ActiveSecret(new SecretId(rs.getObject(1, UUID.class)),
					new SecretHash(rs.getString(2))))
			.list();
	}

	/**
	 * The app and summary of the secret with this hash, revoked or not.
	 */
	Optional<LeakedSecret> byHash(SecretHash hash) {
		return this.jdbc
			.sql(COLUMNS.replace("from apps_client_secrets", ", app_id from apps_client_secrets")
					+ "where secret_hash = ?")
			.param(hash.hex())
			.query((rs, row) -> new LeakedSecret(new AppId(rs.getObject("app_id", UUID.class)), summary(rs, row)))
			.optional();
	}

	/**
	 * Active secrets that expire after {@code now} and by {@code until}, of one
	 * workspace's apps or (with {@code null}) of every app, soonest first.
	 */
	List<ExpiringClientSecret> expiring(@Nullable WorkspaceId workspace, Instant now, Instant until, int limit) {
		List<Object> params = new ArrayList<>(List.of(Timestamps.utc(now), Timestamps.utc(until)));
		if (workspace != null) {
			params.add(workspace.value());
		}
		params.add(limit);
		return this.jdbc
			.sql(EXPIRING + ((workspace != null) ? "and a.workspace_id = ? " : "")
					+ "order by s.expires_at, a.name limit ?")
			.params(params)
			.query((rs, row) -> new ExpiringClientSecret(new AppId(rs.getObject("app_id", UUID.class)),
					new WorkspaceId(rs.getObject("workspace_id", UUID.class)), rs.getString("name"),
					rs.getString("client_id"), rs.getString("display_prefix") + "…" + rs.getString("last_four"),
					Objects.requireNonNull(Timestamps.instant(rs, "expires_at"))))
			.list();
	}

	long countExpiring(Instant now, Instant until) {
		return this.jdbc.sql("""
				select count(*) from apps_client_secrets
				where revoked_at is null and expires_at > ? and expires_at <= ?""")
			.params(Timestamps.utc(now), Timestamps.utc(until))
			.query(Long.class)
			.single();
	}

	SecretId insert(AppId app, String secret, Instant at, @Nullable Instant expiresAt) {
		SecretId id = new SecretId(UUID.randomUUID());
		this.jdbc.sql("""
				insert into apps_client_secrets (id, app_id, secret_hash, display_prefix, last_four, created_at,
				expires_at) values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id.value(), app.value(), SecretHash.of(secret).hex(), secret.substring(0, 8),
					secret.substring(secret.length() - 4), Timestamps.utc(at), Timestamps.utc(expiresAt))
			.update();
		return id;
	}

	void expire(SecretId secret, Instant at) {
		this.jdbc.sql("update apps_client_secrets set expires_at = ? where id = ?")
			.params(Timestamps.utc(at), secret.value())
			.update();
	}

	/**
	 * Lets every other active secret of the app live until the given time at the latest.
	 */
	void expireOthers(AppId app, SecretId keep, Instant until, Instant now) {
		this.jdbc.sql("""
				update apps_client_secrets set expires_at = ?
				where app_id = ? and id <> ? and revoked_at is null and (expires_at is null or expires_at > ?)""")
			.params(Timestamps.utc(until), app.value(), keep.value(), Timestamps.utc(until))
			.update();
	}

	void revoke(AppId app, SecretId secret, Instant at) {
		this.jdbc
			.sql("update apps_client_secrets set revoked_at = ? where app_id = ? and id = ? and revoked_at is null")
			.params(Timestamps.utc(at), app.value(), secret.value())
			.update();
	}

	void recordUse(Map<SecretId, SecretUse> uses) {
		uses.forEach((secret, use) -> this.jdbc
			.sql("update apps_client_secrets set last_used_at = ?, last_used_ip = ? where id = ?")
			.params(Timestamps.utc(use.at()), use.address(), secret.value())
			.update());
	}

	private static SecretSummary summary(ResultSet rs, int row) throws SQLException {
		return new SecretSummary(new SecretId(rs.getObject("id", UUID.class)), rs.getString("display_prefix"),
				rs.getString("last_four"), Objects.requireNonNull(Timestamps.instant(rs, "created_at")),
				Timestamps.instant(rs, "last_used_at"), rs.getString("last_used_ip"),
				Timestamps.instant(rs, "expires_at"), Timestamps.instant(rs, "revoked_at"));
	}

	record ActiveSecret(SecretId id, SecretHash hash) {
	}

	record LeakedSecret(AppId app, SecretSummary secret) {
	}

}
