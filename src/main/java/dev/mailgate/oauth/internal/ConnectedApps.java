package dev.mailgate.oauth.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.AppId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.Scope;
import dev.mailgate.oauth.Grants;
import dev.mailgate.oauth.OAuthEvents;
import dev.mailgate.platform.Timestamps;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The apps people connected to their accounts: one consent per person and app, with every
 * token issued under it. Revoking one removes the consent and every token of that person
 * and app at once, on every node.
 */
@Service
class ConnectedApps implements Grants {

	private static final String COLUMNS = """
			select registered_client_id, principal_name, workspace_id, authorities, granted_at, last_used_at, last_used_from
			from oauth_consents
			""";

	private final JdbcClient jdbc;

	private final HashedAuthorizationService authorizations;

	private final Apps apps;

	private final Accounts accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ConnectedApps(JdbcClient jdbc, HashedAuthorizationService authorizations, Apps apps, Accounts accounts,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.authorizations = authorizations;
		this.apps = apps;
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public long activeCount(WorkspaceId workspace) {
		return this.jdbc.sql("select count(*) from oauth_consents where workspace_id = ?")
			.param(workspace.value())
			.query(Long.class)
			.single();
	}

	@Override
	public boolean anyActive(WorkspaceId workspace, AppId app) {
		return this.jdbc.sql("select count(*) from oauth_consents where workspace_id = ? and registered_client_id = ?")
			.params(workspace.value(), app.value())
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * The person's connected apps, the most recently connected first.
	 */
	List<ConnectedApp> of(String person) {
		return this.jdbc.sql(COLUMNS + "where principal_name = ? order by granted_at desc")
			.param(person)
			.query(this::row)
			.list()
			.stream()
			.flatMap(Optional::stream)
			.toList();
	}

	/**
	 * Every connected app of the workspace's people, the most recently connected first.
	 */
	List<ConnectedApp> inWorkspace(WorkspaceId workspace) {
		return this.jdbc.sql(COLUMNS + "where workspace_id = ? order by granted_at desc")
			.param(workspace.value())
			.query(this::row)
			.list()
			.stream()
			.flatMap(Optional::stream)
			.toList();
	}

	Optional<ConnectedApp> find(String person, String clientId) {
		return this.apps.byClientId(clientId)
			.flatMap((app) -> this.jdbc.sql(COLUMNS + "where registered_client_id = ? and principal_name = ?")
				.params(app.id().value(), person)
				.query(this::row)
				.optional()
				.flatMap((found) -> found));
	}

	/**
	 * Takes back what the person granted the app: the consent, and every access and
	 * refresh token of theirs for it, on every node.
	 * @param actor who revokes: the person, an admin of their workspace, or an API caller
	 * @return whether there was anything to revoke
	 */
	@Transactional
	boolean revoke(String person, AppId app, String actor) {
		WorkspaceId workspace = this.jdbc.sql(COLUMNS + "where registered_client_id = ? and principal_name = ?")
			.params(app.value(), person)
			.query(this::row)
			.optional()
			.flatMap((found) -> found)
			.map(ConnectedApp::workspace)
			.orElse(null);
		int consents = this.jdbc.sql("delete from oauth_consents where registered_client_id = ? and principal_name = ?")
			.params(app.value(), person)
			.update();
		int tokens = this.authorizations.removeGrant(app.toString(), person);
		if (consents == 0 && tokens == 0) {
			return false;
		}
		String clientId = this.apps.byId(app).map(AppClient::clientId).orElse(app.toString());
		this.events
			.publishEvent(new OAuthEvents.GrantRevoked(app, clientId, person, workspace, actor, this.clock.instant()));
		return true;
	}

	/**
	 * Records when and from which network each grant was last used, in one batch.
	 */
	void recordUse(Map<GrantUsage.Grant, GrantUsage.Use> uses) {
		uses.forEach((grant, use) -> this.jdbc.sql("""
				update oauth_consents set last_used_at = ?, last_used_from = ?
				where registered_client_id = ? and principal_name = ?""")
			.params(Timestamps.utc(use.at()), use.address(), UUID.fromString(grant.registeredClientId()),
					grant.principal())
			.update());
	}

	private Optional<ConnectedApp> row(ResultSet rs, int row) throws SQLException {
		AppId id = new AppId(rs.getObject("registered_client_id", UUID.class));
		String person = rs.getString("principal_name");
		List<String> scopes = Arrays.stream(rs.getString("authorities").split(" "))
			.filter((authority) -> authority.startsWith("SCOPE_"))
			.map((authority) -> authority.substring("SCOPE_".length()))
			.filter((scope) -> Scope.of(scope).isPresent())
			.sorted((a, b) -> Integer.compare(Scope.of(a).orElseThrow().ordinal(), Scope.of(b).orElseThrow().ordinal()))
			.toList();
		Instant grantedAt = Objects.requireNonNull(Timestamps.instant(rs, "granted_at"));
		Instant lastUsedAt = Timestamps.instant(rs, "last_used_at");
		String lastUsedFrom = rs.getString("last_used_from");
		UUID workspace = rs.getObject("workspace_id", UUID.class);
		return this.apps.byId(id)
			.map((app) -> new ConnectedApp(id, app.clientId(), app.name(), app.website(), app.logoUrl(), developer(app),
					person, (workspace != null) ? new WorkspaceId(workspace) : null, scopes, grantedAt, lastUsedAt,
					lastUsedFrom));
	}

	private String developer(AppClient app) {
		return this.accounts.workspaceName(app.workspace()).orElse("Unknown developer");
	}

	@Override
	public long totalActiveCount() {
		return this.jdbc.sql("select count(*) from oauth_consents").query(Long.class).single();
	}

}
