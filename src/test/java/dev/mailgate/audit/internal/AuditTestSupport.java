package dev.mailgate.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.platform.Timestamps;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What the audit log tests share: people who sign up (each the owner of a workspace of
 * their own), requests that come from a known address and browser, and the rows of the
 * audit log as stored.
 */
abstract class AuditTestSupport extends IntegrationTestSupport {

	static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Accounts accounts;

	@Autowired
	Apps apps;

	@Autowired
	AuditLog auditLog;

	OAuthFlows flows;

	@BeforeEach
	void flows() {
		this.flows = new OAuthFlows(this.mvc);
	}

	/**
	 * A new person, signed up and signed in, owner of a new workspace.
	 */
	Owner newOwner() {
		String email = "owner-" + UUID.randomUUID() + "@example.com";
		MockHttpSession session = this.flows.newPerson(email);
		return new Owner(email, session, workspaceOf(email));
	}

	WorkspaceId workspaceOf(String email) {
		return this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(email).orElseThrow().id()).orElseThrow();
	}

	/**
	 * Makes the person a plain member of their workspace.
	 */
	void demoteToMember(String email) {
		this.jdbc.sql("update accounts_memberships set role = 'MEMBER' where user_id = ?")
			.param(this.accounts.personByEmail(email).orElseThrow().id().value())
			.update();
	}

	/**
	 * An app in the workspace that acts on it with client credentials.
	 */
	RegisteredApp serviceApp(WorkspaceId workspace, String scope) {
		return this.apps.register(workspace, ClientMetadata
			.toNewApp(Map.of("client_name", "Ops Robot", "grant_types", List.of("client_credentials"), "scope", scope)),
				false);
	}

	String clientCredentialsToken(RegisteredApp app, String scope) {
		return (String) this.flows.clientCredentials(app.app().clientId(), app.clientSecret(), scope)
			.get("access_token");
	}

	/**
	 * Sends the request from this address with Firefox's user agent.
	 */
	static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			request.addHeader(HttpHeaders.USER_AGENT, FIREFOX);
			return request;
		};
	}

	/**
	 * The events of this kind about the app with this client id, oldest first.
	 */
	List<AuditEntry> events(String kind, String clientId) {
		return rows("kind = ? and client_id = ?", kind, clientId);
	}

	List<AuditEntry> eventsOf(WorkspaceId workspace) {
		return rows("workspace_id = ?", workspace.value());
	}

	List<AuditEntry> rows(String where, Object... params) {
		return this.jdbc.sql("""
				select id, at, kind, outcome, actor, workspace_id, app_id, client_id, ip, user_agent, detail, count
				from audit_events where %s order by at, id""".formatted(where))
			.params(params)
			.query(AuditTestSupport::entry)
			.list();
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

	record Owner(String email, MockHttpSession session, WorkspaceId workspace) {
	}

}
