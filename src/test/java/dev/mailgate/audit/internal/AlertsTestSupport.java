package dev.mailgate.audit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.internet.MimeMessage;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.NewApp;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.apps.TokenFormat;
import dev.mailgate.audit.internal.AlertsProperties.FailedClientAuth;
import dev.mailgate.audit.internal.AlertsProperties.TokenSurge;
import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.platform.Timestamps;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.OAuthFlows.Pkce;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A workspace of its own for each test (its owner signed in), apps in it, the alert
 * settings changed at runtime and put back after each test, and ways to wait for an alert
 * or an email without sleeping.
 */
abstract class AlertsTestSupport extends IntegrationTestSupport {

	static final Duration PATIENCE = Duration.ofSeconds(10);

	static final String REDIRECT_URI = "https://crm.example.com/callback";

	@Autowired
	Apps apps;

	@Autowired
	Accounts accounts;

	@Autowired
	AlertSettings settings;

	@Autowired
	AlertStore alerts;

	@Autowired
	AlertQueue queue;

	@Autowired
	JdbcClient jdbc;

	OAuthFlows flows;

	String owner;

	MockHttpSession ownerSession;

	WorkspaceId workspace;

	@BeforeEach
	void workspaceOfItsOwn() throws Exception {
		// Whatever earlier tests handed to the alert thread runs with the settings it
		// met.
		this.queue.awaitIdle(PATIENCE);
		this.flows = new OAuthFlows(this.mvc);
		this.owner = uniqueEmail();
		this.ownerSession = this.flows.newPerson(this.owner);
		this.workspace = this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(this.owner).orElseThrow().id())
			.orElseThrow();
	}

	@AfterEach
	void configuredSettings() throws Exception {
		this.queue.awaitIdle(PATIENCE);
		this.settings.reset();
	}

	void use(FailedClientAuth rule) {
		AlertsProperties current = this.settings.current();
		this.settings.use(new AlertsProperties(rule, current.refreshTokenReuse(), current.tokenSurge(),
				current.retiredSecret(), current.repeatWindow()));
	}

	void use(TokenSurge rule) {
		AlertsProperties current = this.settings.current();
		this.settings.use(new AlertsProperties(current.failedClientAuth(), current.refreshTokenReuse(), rule,
				current.retiredSecret(), current.repeatWindow()));
	}

	RegisteredApp serviceApp(String name) {
		return this.apps.register(this.workspace, ClientMetadata.toNewApp(
				Map.of("client_name", name, "grant_types", List.of("client_credentials"), "scope", "contacts.read")),
				false);
	}

	/**
	 * An app that acts for people: authorization code with PKCE, and refresh tokens.
	 */
	RegisteredApp webApp(String name) {
		return this.apps.register(this.workspace,
				new NewApp(name, null, null, null, true, List.of(REDIRECT_URI),
						Set.of("authorization_code", "refresh_token"), Set.of("contacts.read"), TokenFormat.OPAQUE,
						Duration.ofMinutes(15)),
				false);
	}

	Map<String, Object> grant(RegisteredApp app) {
		Pkce pkce = OAuthFlows.pkce();
		String code = this.flows.code(this.ownerSession, app.app().clientId(), REDIRECT_URI, "contacts.read", pkce);
		return this.flows.exchange(app.app().clientId(), app.clientSecret(), code, REDIRECT_URI, pkce);
	}

	Map<String, Object> refresh(RegisteredApp app, String refreshToken) {
		return OAuthFlows.json(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "refresh_token",
				"refresh_token", refreshToken));
	}

	List<Alert> alertsOf(RegisteredApp app) {
		return this.alerts.list(this.workspace, AlertStatus.ALL, 100)
			.stream()
			.filter((alert) -> app.app().id().equals(alert.app()))
			.toList();
	}

	/**
	 * The app's alert of this rule once it has at least the hits expected.
	 */
	Alert awaitAlert(RegisteredApp app, AlertRule rule, int hits) throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			this.queue.awaitIdle(PATIENCE);
			List<Alert> found = alertsOf(app).stream()
				.filter((alert) -> alert.rule().equals(rule.id()) && alert.hits() >= hits)
				.toList();
			if (!found.isEmpty()) {
				return found.get(0);
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("No " + rule.id() + " alert with " + hits + " hits for " + app.app().name()
						+ " within " + PATIENCE + "; found " + alertsOf(app));
			}
		}
	}

	/**
	 * Sets the workspace's secret policy on the apps page, so that its secrets expire
	 * within the 14 days the dashboard lists.
	 */
	void secretsExpireSoon() {
		this.mvc.post()
			.uri("/apps/policy")
			.session(this.ownerSession)
			.with(csrf())
			.param("maxSecretAgeDays", "1")
			.exchange();
	}

	/**
	 * TEST DATA in the audit log's documented shape (V12, docs/security-monitoring.md):
	 * until the audit log records events itself, the dashboard's tests write its rows.
	 * After the merge these can come from real traffic.
	 */
	void auditEvent(String kind, Instant at, @Nullable WorkspaceId workspace, @Nullable RegisteredApp app,
			@Nullable String detail, int count) {
		this.jdbc.sql("""
				insert into audit_events (id, at, kind, outcome, actor, workspace_id, app_id, client_id, detail, count)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(TimeOrderedIds.next(at), Timestamps.utc(at), kind,
					kind.endsWith("failed") ? "failure" : (kind.equals("ratelimit.hit") ? "refused" : "success"),
					(app != null) ? app.app().clientId() : "someone@example.com",
					(workspace != null) ? workspace.value() : null, (app != null) ? app.app().id().value() : null,
					(app != null) ? app.app().clientId() : null, detail, count)
			.update();
	}

	/**
	 * Signs in on the sign-in page; answers the session.
	 */
	MockHttpSession signIn(String email, String password) {
		return (MockHttpSession) this.mvc.post()
			.uri("/login")
			.with(csrf())
			.param("email", email)
			.param("password", password)
			.exchange()
			.getRequest()
			.getSession();
	}

	/**
	 * The subject and text of the email to this address with this subject, waiting for it
	 * through the real SMTP server.
	 */
	static String awaitMail(String to, String subject) throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (System.nanoTime() < deadline) {
			for (MimeMessage message : SMTP.getReceivedMessages()) {
				if (message.getSubject().equals(subject) && Arrays.stream(message.getAllRecipients())
					.anyMatch((recipient) -> recipient.toString().equals(to))) {
					return message.getSubject() + "\n" + message.getContent();
				}
			}
			SMTP.waitForIncomingEmail(200, SMTP.getReceivedMessages().length + 1);
		}
		throw new AssertionError("No email \"" + subject + "\" to " + to + " within " + PATIENCE);
	}

}
