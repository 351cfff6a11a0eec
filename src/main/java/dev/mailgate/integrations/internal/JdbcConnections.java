package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.accounts.UserId;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.integrations.ProviderId;
import dev.mailgate.platform.SecretBox;
import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Connections in {@code integrations_connections}: the token vault. Tokens are encrypted
 * with the {@link SecretBox}, bound to their row and column, and decrypted only by
 * {@link #tokens}.
 */
@Repository
class JdbcConnections {

	private static final String SELECT = "select " + Connection.COLUMNS + ", p."
			+ Provider.COLUMNS.replace(", ", ", p.")
			+ " from integrations_connections c join integrations_providers p on p.id = c.provider_id ";

	private final JdbcClient jdbc;

	private final SecretBox box;

	private final Clock clock;

	JdbcConnections(JdbcClient jdbc, SecretBox box, Clock clock) {
		this.jdbc = jdbc;
		this.box = box;
		this.clock = clock;
	}

	/**
	 * Stores a workspace's account at a provider, replacing the one connected before (a
	 * reconnect keeps the connection's id, so its sync history stays).
	 */
	Connection save(WorkspaceId workspace, ProviderId provider, UserId by, String accountLabel,
			@Nullable String accountSubject, TokenSet tokens) {
		Instant now = this.clock.instant();
		UUID id = this.jdbc.sql("select id from integrations_connections where workspace_id = ? and provider_id = ?")
			.params(workspace.value(), provider.value())
			.query(UUID.class)
			.optional()
			.orElse(null);
		if (id == null) {
			id = TimeOrderedIds.next(now);
			this.jdbc.sql("""
					insert into integrations_connections (id, workspace_id, provider_id, connected_by, account_label,
					account_subject, status, scopes, access_token, access_token_expires_at, refresh_token, created_at,
					updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, workspace.value(), provider.value(), by.value(), accountLabel, accountSubject,
						ConnectionStatus.ACTIVE.value(), String.join(" ", tokens.scopes()),
						seal(id, "access_token", tokens.accessToken()), Timestamps.utc(tokens.expiresAt()),
						sealNullable(id, "refresh_token", tokens.refreshToken()), Timestamps.utc(now),
						Timestamps.utc(now))
				.update();
		}
		else {
			this.jdbc.sql("""
					update integrations_connections set connected_by = ?, account_label = ?, account_subject = ?,
					status = ?, status_detail = null, scopes = ?, access_token = ?, access_token_expires_at = ?,
					refresh_token = ?, token_version = token_version + 1, refreshed_at = null, updated_at = ?
					where id = ?""")
				.params(by.value(), accountLabel, accountSubject, ConnectionStatus.ACTIVE.value(),
						String.join(" ", tokens.scopes()), seal(id, "access_token", tokens.accessToken()),
						Timestamps.utc(tokens.expiresAt()), sealNullable(id, "refresh_token", tokens.refreshToken()),
						Timestamps.utc(now), id)
				.update();
		}
		return find(new ConnectionId(id)).orElseThrow();
	}

	Optional<Connection> find(ConnectionId id) {
		return this.jdbc.sql(SELECT + "where c.id = ?").param(id.value()).query(Connection::map).optional();
	}

	/**
	 * @return the connection, only if it belongs to the workspace
	 */
	Optional<Connection> find(WorkspaceId workspace, ConnectionId id) {
		return this.jdbc.sql(SELECT + "where c.id = ? and c.workspace_id = ?")
			.params(id.value(), workspace.value())
			.query(Connection::map)
			.optional();
	}

	Optional<Connection> find(WorkspaceId workspace, ProviderId provider) {
		return this.jdbc.sql(SELECT + "where c.workspace_id = ? and c.provider_id = ?")
			.params(workspace.value(), provider.value())
			.query(Connection::map)
			.optional();
	}

	/**
	 * Locks the connection's row until the transaction ends (one refresh at a time, on
	 * every node) and reads it.
	 */
	Optional<Connection> lock(ConnectionId id) {
		this.jdbc.sql("select id from integrations_connections where id = ? for update")
			.param(id.value())
			.query(UUID.class)
			.optional();
		return find(id);
	}

	List<Connection> inWorkspace(WorkspaceId workspace) {
		return this.jdbc.sql(SELECT + "where c.workspace_id = ? order by p.name, c.id")
			.param(workspace.value())
			.query(Connection::map)
			.list();
	}

	List<Connection> ofProvider(ProviderId provider) {
		return this.jdbc.sql(SELECT + "where c.provider_id = ? order by c.id")
			.param(provider.value())
			.query(Connection::map)
			.list();
	}

	/**
	 * The connection's tokens in clear, to call the provider with; never for showing.
	 */
	Optional<TokenSet> tokens(ConnectionId id) {
		return this.jdbc
			.sql("select access_token, access_token_expires_at, refresh_token, scopes from integrations_connections "
					+ "where id = ?")
			.param(id.value())
			.query((rs, row) -> new TokenSet(open(id.value(), "access_token", rs.getString("access_token")),
					Timestamps.instant(rs, "access_token_expires_at"),
					openNullable(id.value(), "refresh_token", rs.getString("refresh_token")),
					Provider.scopes(rs.getString("scopes"))))
			.optional();
	}

	/**
	 * Stores refreshed tokens; a provider that sent no new refresh token keeps the old
	 * one ({@code tokens.refreshToken()} is then the old one).
	 */
	void replaceTokens(ConnectionId id, TokenSet tokens) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				update integrations_connections set access_token = ?, access_token_expires_at = ?, refresh_token = ?,
				scopes = ?, token_version = token_version + 1, refreshed_at = ?, updated_at = ? where id = ?""")
			.params(seal(id.value(), "access_token", tokens.accessToken()), Timestamps.utc(tokens.expiresAt()),
					sealNullable(id.value(), "refresh_token", tokens.refreshToken()), String.join(" ", tokens.scopes()),
					Timestamps.utc(now), Timestamps.utc(now), id.value())
			.update();
	}

	void markReconnectNeeded(ConnectionId id, String detail) {
		this.jdbc.sql("update integrations_connections set status = ?, status_detail = ?, updated_at = ? where id = ?")
			.params(ConnectionStatus.RECONNECT_NEEDED.value(), detail, Timestamps.utc(this.clock.instant()), id.value())
			.update();
	}

	boolean delete(ConnectionId id) {
		return this.jdbc.sql("delete from integrations_connections where id = ?").param(id.value()).update() == 1;
	}

	private String seal(UUID id, String column, String value) {
		return this.box.encrypt(value, associatedData(id, column));
	}

	private @Nullable String sealNullable(UUID id, String column, @Nullable String value) {
		return (value != null) ? seal(id, column, value) : null;
	}

	private String open(UUID id, String column, String sealed) {
		return this.box.decrypt(sealed, associatedData(id, column));
	}

	private @Nullable String openNullable(UUID id, String column, @Nullable String sealed) {
		return (sealed != null) ? open(id, column, sealed) : null;
	}

	private static String associatedData(UUID id, String column) {
		return "integrations_connections." + column + ":" + id;
	}

}
