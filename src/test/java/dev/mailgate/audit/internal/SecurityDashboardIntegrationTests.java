package dev.mailgate.audit.internal;

import java.io.UnsupportedEncodingException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.audit.internal.AlertsProperties.FailedClientAuth;
import dev.mailgate.support.HttpsClient;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The security dashboard and the alerts page: who may see them, what they show of the
 * audit log, and acknowledging alerts.
 */
class SecurityDashboardIntegrationTests extends AlertsTestSupport {

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	@Autowired
	AuditRecorderTallies tallies;

	@Test
	void securityPagesAskStrangersToSignIn() {
		assertThat(this.mvc.get().uri("/security")).hasStatus(HttpStatus.FOUND).redirectedUrl().endsWith("/login");
		assertThat(this.mvc.get().uri("/security/alerts")).hasStatus(HttpStatus.FOUND);
	}

	@Test
	void membersAreRefusedWithAnExplanation() {
		// Test data: there is no invitation flow yet, so the owner becomes a plain
		// member.
		this.jdbc.sql("update accounts_memberships set role = 'MEMBER' where workspace_id = ?")
			.param(this.workspace.value())
			.update();

		HttpsClient browser = new HttpsClient(this.dataDirectory, this.port);
		browser.signIn(this.owner, OAuthFlows.PASSWORD);
		HttpResponse<String> refused = browser.get("/security", "text/html");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("The security pages are for the owners and admins of a workspace");
		assertThat(this.mvc.get().uri("/security/alerts").session(this.ownerSession)).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.post()
			.uri("/security/alerts/" + UUID.randomUUID() + "/acknowledge")
			.session(this.ownerSession)
			.with(csrf())).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get().uri("/").session(this.ownerSession)).bodyText()
			.as("the header offers Security to owners and admins only")
			.doesNotContain("href=\"/security\"");
	}

	@Test
	void ownersSeeTheirWorkspacesFiguresOfTheLastHourAndDay() {
		RegisteredApp busy = serviceApp("Busy CRM");
		RegisteredApp quiet = serviceApp("Quiet Sync");
		Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		auditEvent("token.issued", minute.minus(2, ChronoUnit.MINUTES), this.workspace, busy, "client_credentials", 7);
		auditEvent("token.issued", minute.minus(5, ChronoUnit.MINUTES), this.workspace, busy, "authorization_code", 3);
		auditEvent("token.issued", minute.minus(5, ChronoUnit.MINUTES), this.workspace, quiet, "client_credentials", 2);
		auditEvent("token.issued", minute.minus(3, ChronoUnit.HOURS), this.workspace, quiet, "refresh_token", 40);
		auditEvent("client_auth.failed", minute.minus(1, ChronoUnit.MINUTES), this.workspace, busy, "invalid_client",
				1);
		auditEvent("client_auth.failed", minute.minus(1, ChronoUnit.MINUTES), this.workspace, busy, "invalid_client",
				1);
		auditEvent("signin.failed", minute.minus(7, ChronoUnit.MINUTES), this.workspace, null, "wrong password", 1);
		auditEvent("ratelimit.hit", minute.minus(4, ChronoUnit.MINUTES), this.workspace, busy, "token-endpoint", 4);
		// Another workspace's traffic, and one older than a day: neither counts.
		auditEvent("token.issued", minute.minus(2, ChronoUnit.MINUTES), WorkspaceId.random(), null,
				"client_credentials", 1000);
		auditEvent("token.issued", minute.minus(25, ChronoUnit.HOURS), this.workspace, busy, "client_credentials", 500);

		String hour = page("/security");
		assertThat(stat(hour, "tokens")).isEqualTo("12");
		assertThat(stat(hour, "failures")).isEqualTo("3");
		assertThat(stat(hour, "rate-limited")).isEqualTo("4");
		assertThat(stat(hour, "alerts")).isEqualTo("0");
		assertThat(hour)
			.contains("data-test=\"chart-tokens\"", "data-test=\"chart-failures\"", "data-test=\"chart-rate-limited\"",
					"Client credentials: 7", "Authorization code: 3", "Client authentication: 2", "Sign-in: 1",
					"Token endpoint: 4", "12 in the last hour")
			.doesNotContain("1,000", "500")
			.containsSubsequence("Busy CRM", "10", "Quiet Sync", "2");

		String day = page("/security?range=day");
		assertThat(stat(day, "tokens")).isEqualTo("52");
		assertThat(day).contains("Refresh: 40", "52 in the last 24 hours")
			.containsSubsequence("Quiet Sync", "42", "Busy CRM", "10");
	}

	@Test
	void realTrafficShowsOnTheDashboardOnceTheMinutesCountsAreWritten() {
		RegisteredApp app = serviceApp("Live CRM");
		for (int i = 0; i < 3; i++) {
			assertThat(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "client_credentials"))
				.hasStatusOk();
		}
		assertThat(this.flows.token(app.app().clientId(), "mgs_wrong", "grant_type", "client_credentials"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		this.tallies.flushAll();

		String page = page("/security");
		assertThat(stat(page, "tokens")).isEqualTo("3");
		assertThat(stat(page, "failures")).isEqualTo("1");
		assertThat(page).contains("Client credentials: 3", "Client authentication: 1")
			.containsSubsequence("Live CRM", "3");
	}

	@Test
	void anEmptyWorkspaceSaysThereIsNothingYet() {
		String page = page("/security");

		assertThat(page).contains("No tokens issued in the last hour", "No failed authentication in the last hour",
				"No request was rate-limited in the last hour", "No open alerts",
				"No app was issued a token in this period", "No client secret expires within 14 days");
		assertThat(stat(page, "tokens")).isEqualTo("0");
	}

	@Test
	void secretsNearExpiryOfTheWorkspaceAreListed() {
		RegisteredApp app = serviceApp("Expiring Sync");
		secretsExpireSoon();

		String page = page("/security");

		assertThat(stat(page, "expiring")).isEqualTo("1");
		assertThat(page).contains("Expiring Sync", app.clientSecret().substring(0, 8) + "…", "in 13 days")
			.doesNotContain(app.clientSecret());
	}

	@Test
	void openAlertIsAcknowledgedFromTheDashboardAndLaterHitsRaiseANewOne() throws Exception {
		use(new FailedClientAuth(3, Duration.ofMinutes(5), AlertAction.NONE));
		RegisteredApp app = serviceApp("Noisy Sync");
		failAuthentication(app, 3);
		Alert alert = awaitAlert(app, AlertRule.FAILED_CLIENT_AUTH_BURST, 3);

		String dashboard = page("/security");
		assertThat(stat(dashboard, "alerts")).isEqualTo("1");
		assertThat(dashboard).contains("Burst of failed client authentications", "Noisy Sync",
				"3 failed client authentications within 5 minutes", "Acknowledge");

		assertThat(this.mvc.post()
			.uri("/security/alerts/" + alert.id() + "/acknowledge")
			.session(this.ownerSession)
			.with(csrf())
			.param("returnTo", "dashboard")).hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/security")
			.flash()
			.containsEntry("notice", "Alert acknowledged: Burst of failed client authentications.");

		assertThat(page("/security/alerts")).contains("No open alerts");
		assertThat(page("/security/alerts?status=acknowledged")).contains("Noisy Sync",
				"Acknowledged by " + this.owner);
		assertThat(this.alerts.find(alert.id(), this.workspace).orElseThrow().acknowledgedBy()).isEqualTo(this.owner);

		failAuthentication(app, 1);
		this.queue.awaitIdle(PATIENCE);
		assertThat(alertsOf(app)).as("an acknowledged alert takes no more hits").hasSize(2);
	}

	@Test
	void anotherWorkspacesAlertLooksLikeNoAlertAtAll() throws Exception {
		use(new FailedClientAuth(3, Duration.ofMinutes(5), AlertAction.NONE));
		RegisteredApp app = serviceApp("Private Sync");
		failAuthentication(app, 3);
		Alert alert = awaitAlert(app, AlertRule.FAILED_CLIENT_AUTH_BURST, 3);
		MockHttpSession stranger = this.flows.newPerson(uniqueEmail());

		assertThat(this.mvc.get().uri("/security/alerts?status=all").session(stranger)).hasStatusOk()
			.bodyText()
			.doesNotContain("Private Sync");
		assertThat(
				this.mvc.post().uri("/security/alerts/" + alert.id() + "/acknowledge").session(stranger).with(csrf()))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.post().uri("/security/alerts/not-an-id/acknowledge").session(stranger).with(csrf()))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.alerts.find(alert.id(), null).orElseThrow().open()).isTrue();
	}

	@Test
	void platformAdministratorsMayLookAtEveryWorkspace() {
		RegisteredApp app = serviceApp("Elsewhere CRM");
		// more than any other test's traffic in the shared database, so that it is a top
		// app
		auditEvent("token.issued", Instant.now().truncatedTo(ChronoUnit.MINUTES), this.workspace, app,
				"client_credentials", 1_000_000);
		MockHttpSession administrator = signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

		assertThat(this.mvc.get().uri("/security?scope=all").session(administrator)).hasStatusOk()
			.bodyText()
			.contains("All workspaces", "Elsewhere CRM");
		assertThat(this.mvc.get().uri("/security?scope=all").session(this.ownerSession)).hasStatusOk()
			.bodyText()
			.as("only platform administrators see every workspace")
			.doesNotContain("All workspaces");
	}

	private void failAuthentication(RegisteredApp app, int times) {
		for (int i = 0; i < times; i++) {
			this.flows.token(app.app().clientId(), "wrong-" + i, "grant_type", "client_credentials");
		}
	}

	private String page(String uri) {
		var result = this.mvc.get().uri(uri).session(this.ownerSession).exchange();
		assertThat(result).hasStatusOk();
		try {
			return result.getResponse().getContentAsString();
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The value of a figure at the top of the dashboard.
	 */
	private static String stat(String page, String id) {
		int at = page.indexOf("data-stat=\"" + id + "\"");
		assertThat(at).as("figure " + id).isPositive();
		int value = page.indexOf("stat-value", at);
		return page.substring(page.indexOf('>', value) + 1, page.indexOf('<', value));
	}

}
