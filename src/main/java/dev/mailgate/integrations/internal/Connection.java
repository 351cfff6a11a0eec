package dev.mailgate.integrations.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import dev.mailgate.accounts.UserId;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

/**
 * An account a workspace connected at a provider, without its tokens (only
 * {@link JdbcConnections#tokens} decrypts them).
 *
 * @param accountLabel who the account is at the provider, for people
 * @param accountSubject the provider's id of the account, when known
 * @param tokenVersion counts the times the tokens were replaced
 */
record Connection(ConnectionId id, WorkspaceId workspace, Provider provider, UserId connectedBy, String accountLabel,
		@Nullable String accountSubject, ConnectionStatus status, @Nullable String statusDetail, Set<String> scopes,
		@Nullable Instant accessTokenExpiresAt, long tokenVersion, @Nullable Instant refreshedAt, Instant createdAt,
		Instant updatedAt) {

	static final String COLUMNS = "c.id as c_id, c.workspace_id, c.connected_by, c.account_label, c.account_subject, "
			+ "c.status, c.status_detail, c.scopes as c_scopes, c.access_token_expires_at, c.token_version, "
			+ "c.refreshed_at, c.created_at as c_created_at, c.updated_at as c_updated_at";

	boolean active() {
		return this.status == ConnectionStatus.ACTIVE;
	}

	boolean can(Capability capability) {
		return this.provider.capabilities().contains(capability);
	}

	static Connection map(ResultSet rs, int row) throws SQLException {
		return new Connection(new ConnectionId(rs.getObject("c_id", UUID.class)),
				new WorkspaceId(rs.getObject("workspace_id", UUID.class)), Provider.map(rs, row),
				new UserId(rs.getObject("connected_by", UUID.class)), rs.getString("account_label"),
				rs.getString("account_subject"), ConnectionStatus.of(rs.getString("status")),
				rs.getString("status_detail"), Provider.scopes(rs.getString("c_scopes")),
				Timestamps.instant(rs, "access_token_expires_at"), rs.getLong("token_version"),
				Timestamps.instant(rs, "refreshed_at"), Timestamps.instant(rs, "c_created_at"),
				Timestamps.instant(rs, "c_updated_at"));
	}

}
