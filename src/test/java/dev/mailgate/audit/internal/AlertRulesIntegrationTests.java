package dev.mailgate.audit.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.audit.internal.AlertsProperties.FailedClientAuth;
import dev.mailgate.audit.internal.AlertsProperties.TokenSurge;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Each alert rule fires on its pattern, made by real requests, and stays silent on
 * ordinary traffic; the owners hear of it by email and the configured action is taken.
 */
class AlertRulesIntegrationTests extends AlertsTestSupport {

	@Test
	void burstOfFailedClientAuthenticationsRaisesOneAlertThatCountsEveryFailure() throws Exception {
		use(new FailedClientAuth(5, Duration.ofMinutes(5), AlertAction.NONE));
		RegisteredApp app = serviceApp("Guessed Sync");

		for (int i = 0; i < 7; i++) {
			assertThat(
					this.flows.token(app.app().clientId(), "not-the-secret-" + i, "grant_type", "client_credentials"))
				.hasStatus(HttpStatus.UNAUTHORIZED);
		}

		Alert alert = awaitAlert(app, AlertRule.FAILED_CLIENT_AUTH_BURST, 7);
		assertThat(alert.severity()).isEqualTo("high");
		assertThat(alert.workspace()).isEqualTo(this.workspace);
		assertThat(alert.clientId()).isEqualTo(app.app().clientId());
		assertThat(alert.summary()).isEqualTo("5 failed client authentications within 5 minutes");
		assertThat(alert.detail()).contains("127.0.0.1");
		assertThat(alert.actionTaken()).isEqualTo("none");
		assertThat(alertsOf(app)).as("one open alert per rule and app").hasSize(1);
		String mail = awaitMail(this.owner, "Security alert: Burst of failed client authentications (Guessed Sync)");
		assertThat(mail)
			.contains(app.app().clientId(), "5 failed client authentications within 5 minutes", "127.0.0.1",
					"rotate the secret", "Security > Alerts")
			.doesNotContain(app.clientSecret());
	}

	@Test
	void failedClientAuthenticationsBelowTheThresholdStaySilent() throws Exception {
		use(new FailedClientAuth(5, Duration.ofMinutes(5), AlertAction.SUSPEND_APP));
		RegisteredApp app = serviceApp("Typo Sync");

		for (int i = 0; i < 4; i++) {
			this.flows.token(app.app().clientId(), "a-typo-" + i, "grant_type", "client_credentials");
			assertThat(this.flows.clientCredentials(app.app().clientId(), app.clientSecret(), "contacts.read"))
				.containsKey("access_token");
		}

		this.queue.awaitIdle(Duration.ofSeconds(10));
		assertThat(alertsOf(app)).isEmpty();
		assertThat(this.apps.byId(app.app().id()).orElseThrow().suspended()).isFalse();
	}

	@Test
	void burstWithRevokeSecretsConfiguredRevokesTheAppsSecrets() throws Exception {
		use(new FailedClientAuth(3, Duration.ofMinutes(5), AlertAction.REVOKE_SECRETS));
		RegisteredApp app = serviceApp("Leaky Sync");

		for (int i = 0; i < 3; i++) {
			this.flows.token(app.app().clientId(), "guess-" + i, "grant_type", "client_credentials");
		}

		Alert alert = awaitAlert(app, AlertRule.FAILED_CLIENT_AUTH_BURST, 3);
		assertThat(alert.actionTaken())
			.startsWith("Revoked its active client secrets (" + app.clientSecret().substring(0, 8) + "…)");
		// RFC 6749 §5.2: a revoked secret no longer authenticates the client
		assertThat(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "client_credentials"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(awaitMail(this.owner, "Security alert: Burst of failed client authentications (Leaky Sync)"))
			.contains("Revoked its active client secrets");
	}

	@Test
	void refreshTokenReuseRaisesAnAlert() throws Exception {
		RegisteredApp app = webApp("Replay CRM");
		Map<String, Object> tokens = grant(app);
		Map<String, Object> refreshed = refresh(app, (String) tokens.get("refresh_token"));
		assertThat(refreshed).containsKey("refresh_token");

		// RFC 9700 §4.14.2: a spent refresh token presented again revokes the grant
		assertThat(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "refresh_token",
				"refresh_token", (String) tokens.get("refresh_token")))
			.hasStatus(HttpStatus.BAD_REQUEST);

		Alert alert = awaitAlert(app, AlertRule.REFRESH_TOKEN_REUSE, 1);
		assertThat(alert.summary()).isEqualTo("A refresh token was presented again after it had been exchanged");
		assertThat(alert.severity()).isEqualTo("high");
		assertThat(awaitMail(this.owner, "Security alert: Refresh token reused (Replay CRM)"))
			.contains("revoked every token of that grant")
			.doesNotContain((String) tokens.get("refresh_token"));
		assertThat(this.jdbc.sql("select kind from audit_events where client_id = ? order by at, kind")
			.param(app.app().clientId())
			.query(String.class)
			.list()).as("the reuse and the alert it raised, in the audit log")
			.contains("refresh_token.reused", "alert.raised");
	}

	@Test
	void refreshingWithTheNewestTokenEachTimeStaysSilent() throws Exception {
		RegisteredApp app = webApp("Careful CRM");
		String refreshToken = (String) grant(app).get("refresh_token");
		for (int i = 0; i < 3; i++) {
			refreshToken = (String) refresh(app, refreshToken).get("refresh_token");
		}

		this.queue.awaitIdle(Duration.ofSeconds(10));
		assertThat(alertsOf(app)).isEmpty();
	}

	@Test
	void tokenSurgeOfAFreshAppAboveTheFloorRaisesAnAlertAndSuspendsTheApp() throws Exception {
		use(new TokenSurge(5, 10, AlertAction.SUSPEND_APP));
		RegisteredApp app = serviceApp("Runaway Job");

		// 12 tokens pass a floor of 5 in one minute even if a minute ends halfway.
		for (int i = 0; i < 12; i++) {
			this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "client_credentials");
		}

		Alert alert = awaitAlert(app, AlertRule.TOKEN_SURGE, 1);
		assertThat(alert.summary()).startsWith("More than 5 tokens issued in the minute from ")
			.endsWith("usually 0.0 a minute");
		assertThat(alert.actionTaken()).isEqualTo("Suspended the app and revoked every token it held");
		AppClient suspended = this.apps.byId(app.app().id()).orElseThrow();
		assertThat(suspended.suspended()).isTrue();
		assertThat(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "client_credentials"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(awaitMail(this.owner, "Security alert: Token issuance far above the app's usual rate (Runaway Job)"))
			.contains("Suspended the app");
	}

	@Test
	void tokensWithinTheAppsUsualRateStaySilent() throws Exception {
		use(new TokenSurge(5, 10, AlertAction.SUSPEND_APP));
		RegisteredApp app = serviceApp("Steady Job");
		// The app's last 24 hours, 3 tokens a minute on average (4,320 in 24 rows).
		Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
		for (int i = 1; i <= 24; i++) {
			auditEvent("token.issued", hour.minus(i, ChronoUnit.HOURS).plusSeconds(60), this.workspace, app,
					"client_credentials", 180);
		}

		// Above the floor of 5, below 10 × 3 a minute.
		for (int i = 0; i < 20; i++) {
			assertThat(this.flows.clientCredentials(app.app().clientId(), app.clientSecret(), "contacts.read"))
				.containsKey("access_token");
		}

		this.queue.awaitIdle(Duration.ofSeconds(10));
		assertThat(alertsOf(app)).isEmpty();
		assertThat(this.apps.byId(app.app().id()).orElseThrow().suspended()).isFalse();
	}

	@Test
	void secretRotatedOutPresentedAfterItsGracePeriodRaisesAnAlert() throws Exception {
		RegisteredApp app = serviceApp("Stale Deploy");
		String old = app.clientSecret();
		String current = rotate(app, 1);
		// During the grace period both work, and nothing is raised.
		assertThat(works(app, old)).isTrue();
		assertThat(works(app, current)).isTrue();
		this.queue.awaitIdle(Duration.ofSeconds(10));
		assertThat(alertsOf(app)).isEmpty();

		// After it (and the few seconds apps are cached), the old one is refused.
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (works(app, old)) {
			assertThat(System.nanoTime()).as("the old secret stops working").isLessThan(deadline);
			Thread.sleep(250);
		}

		Alert alert = awaitAlert(app, AlertRule.RETIRED_SECRET_USED, 1);
		assertThat(alert.summary())
			.startsWith("Client secret " + old.substring(0, 8) + "… was presented after it stopped working on ");
		assertThat(alert.detail()).contains("127.0.0.1");
		assertThat(awaitMail(this.owner, "Security alert: Retired client secret used (Stale Deploy)"))
			.contains(old.substring(0, 8) + "…", "update it to the current secret")
			.doesNotContain(old, current);
		assertThat(works(app, current)).isTrue();
	}

	/**
	 * Rotates the app's secret on its page, keeping the old one for the grace period.
	 */
	private String rotate(RegisteredApp app, long graceSeconds) {
		MvcTestResult rotated = this.mvc.post()
			.uri("/apps/" + app.app().clientId() + "/secrets")
			.session(this.ownerSession)
			.with(csrf())
			.param("graceSeconds", Long.toString(graceSeconds))
			.exchange();
		return (String) rotated.getMvcResult().getFlashMap().get("newSecret");
	}

	private boolean works(RegisteredApp app, String secret) {
		return this.flows.token(app.app().clientId(), secret, "grant_type", "client_credentials")
			.getResponse()
			.getStatus() == 200;
	}

}
