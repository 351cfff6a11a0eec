package dev.mailgate.apps.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.AppId;
import dev.mailgate.apps.ClientKeys;
import dev.mailgate.apps.NewApp;
import dev.mailgate.apps.TokenFormat;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcApps {

	private static final String APP_COLUMNS = """
			select id, workspace_id, client_id, name, description, website, logo_url, client_type, redirect_uris,
			grant_types, scopes, token_format, access_token_ttl_seconds, status, created_at, jwks, jwks_uri from apps_apps
			""";

	private final JdbcClient jdbc;

	JdbcApps(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean existsByClientId(String clientId) {
		return this.jdbc.sql("select count(*) from apps_apps where client_id = ?")
			.param(clientId)
			.query(Long.class)
			.single() > 0;
	}

	Optional<AppClient> byClientId(String clientId) {
		return this.jdbc.sql(APP_COLUMNS + "where client_id = ?").param(clientId).query(JdbcApps::app).optional();
	}

	Optional<AppClient> byId(AppId id) {
		return this.jdbc.sql(APP_COLUMNS + "where id = ?").param(id.value()).query(JdbcApps::app).optional();
	}

	Optional<AppClient> byRegistrationTokenHash(String hash) {
		return this.jdbc.sql(APP_COLUMNS + "where registration_token_hash = ?")
			.param(hash)
			.query(JdbcApps::app)
			.optional();
	}

	UUID insertConfidentialApp(WorkspaceId workspace, String clientId, String name, String scopes, Instant at) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into apps_apps (id, workspace_id, client_id, name, client_type, scopes, created_at)
				values (?, ?, ?, ?, 'CONFIDENTIAL', ?, ?)""")
			.params(id, workspace.value(), clientId, name, scopes, Timestamps.utc(at))
			.update();
		return id;
	}

	void insert(AppId id, WorkspaceId workspace, String clientId, NewApp app, Instant at) {
		this.jdbc.sql("""
				insert into apps_apps (id, workspace_id, client_id, name, description, website, logo_url, client_type,
				redirect_uris, grant_types, scopes, token_format, access_token_ttl_seconds, created_at, updated_at,
				jwks, jwks_uri)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id.value(), workspace.value(), clientId, app.name(), app.description(), app.website(),
					app.logoUrl(), app.confidential() ? "CONFIDENTIAL" : "PUBLIC", String.join(" ", app.redirectUris()),
					String.join(" ", app.grantTypes()), String.join(" ", app.scopes()), app.tokenFormat().name(),
					app.accessTokenTtl().toSeconds(), Timestamps.utc(at), Timestamps.utc(at),
					(app.keys() != null) ? app.keys().jwks() : null, (app.keys() != null) ? app.keys().jwksUri() : null)
			.update();
	}

	void update(AppId id, NewApp app, Instant at) {
		this.jdbc.sql("""
				update apps_apps set name = ?, description = ?, website = ?, logo_url = ?, redirect_uris = ?,
				grant_types = ?, scopes = ?, token_format = ?, access_token_ttl_seconds = ?, updated_at = ?, jwks = ?,
				jwks_uri = ? where id = ?""")
			.params(app.name(), app.description(), app.website(), app.logoUrl(), String.join(" ", app.redirectUris()),
					String.join(" ", app.grantTypes()), String.join(" ", app.scopes()), app.tokenFormat().name(),
					app.accessTokenTtl().toSeconds(), Timestamps.utc(at),
					(app.keys() != null) ? app.keys().jwks() : null, (app.keys() != null) ? app.keys().jwksUri() : null,
					id.value())
			.update();
	}

	List<AppClient> inWorkspace(WorkspaceId workspace) {
		return this.jdbc.sql(APP_COLUMNS + "where workspace_id = ? order by created_at desc")
			.param(workspace.value())
			.query(JdbcApps::app)
			.list();
	}

	void setStatus(AppId id, String status, Instant at) {
		this.jdbc.sql("update apps_apps set status = ?, updated_at = ? where id = ?")
			.params(status, Timestamps.utc(at), id.value())
			.update();
	}

	void setRegistrationTokenHash(AppId id, String hash) {
		this.jdbc.sql("update apps_apps set registration_token_hash = ? where id = ?")
			.params(hash, id.value())
			.update();
	}

	void delete(AppId id) {
		this.jdbc.sql("delete from apps_apps where id = ?").param(id.value()).update();
	}

	void insertSecret(UUID app, SecretHash hash, String displayPrefix, String lastFour, Instant at) {
		this.jdbc.sql("""
				insert into apps_client_secrets (id, app_id, secret_hash, display_prefix, last_four, created_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), app, hash.hex(), displayPrefix, lastFour, Timestamps.utc(at))
			.update();
	}

	private static AppClient app(ResultSet rs, int row) throws SQLException {
		return new AppClient(new AppId(rs.getObject("id", UUID.class)),
				new WorkspaceId(rs.getObject("workspace_id", UUID.class)), rs.getString("client_id"),
				rs.getString("name"), rs.getString("description"), rs.getString("website"), rs.getString("logo_url"),
				"CONFIDENTIAL".equals(rs.getString("client_type")), wordList(rs.getString("redirect_uris")),
				words(rs.getString("grant_types")), words(rs.getString("scopes")),
				TokenFormat.valueOf(rs.getString("token_format")),
				Duration.ofSeconds(rs.getInt("access_token_ttl_seconds")), "SUSPENDED".equals(rs.getString("status")),
				Objects.requireNonNull(Timestamps.instant(rs, "created_at")), keys(rs));
	}

	private static @Nullable ClientKeys keys(ResultSet rs) throws SQLException {
		String jwks = rs.getString("jwks");
		String jwksUri = rs.getString("jwks_uri");
		return (jwks == null && jwksUri == null) ? null : new ClientKeys(jwks, jwksUri);
	}

	private static List<String> wordList(String value) {
		return (value == null || value.isBlank()) ? List.of() : List.of(value.trim().split("\\s+"));
	}

	private static Set<String> words(String value) {
		return Collections.unmodifiableSet(new LinkedHashSet<>(wordList(value)));
	}

}
