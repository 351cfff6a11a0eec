package dev.mailgate.audit.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.audit.internal.AlertsProperties.FailedClientAuth;
import dev.mailgate.support.Browser;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workspace owner opens the security dashboard in Chromium: the charts, an alert raised
 * by real failed authentications and a secret near expiry; acknowledges the alert; looks
 * at the last day; finds the alert among the acknowledged ones.
 */
@RequiresChromium
class SecurityDashboardBrowserTests extends AlertsTestSupport {

	private Browser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = new Browser(this.port);
	}

	@AfterEach
	void closeBrowser() {
		this.browser.close();
	}

	@Test
	void ownerSeesChartsAlertAndExpiringSecretThenAcknowledgesTheAlert() throws Exception {
		use(new FailedClientAuth(3, Duration.ofMinutes(5), AlertAction.NONE));
		RegisteredApp app = serviceApp("Ledger Sync");
		for (int i = 0; i < 3; i++) {
			this.flows.token(app.app().clientId(), "wrong-" + i, "grant_type", "client_credentials");
		}
		awaitAlert(app, AlertRule.FAILED_CLIENT_AUTH_BURST, 3);
		secretsExpireSoon();
		Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		for (int i = 1; i <= 30; i++) {
			auditEvent("token.issued", minute.minus(i, ChronoUnit.MINUTES), this.workspace, app,
					(i % 3 == 0) ? "authorization_code" : "client_credentials", 5 + (i * 7) % 11);
		}
		auditEvent("token.issued", minute.minus(5, ChronoUnit.HOURS), this.workspace, app, "refresh_token", 120);
		auditEvent("client_auth.failed", minute.minus(2, ChronoUnit.MINUTES), this.workspace, app, "invalid_client", 1);
		auditEvent("signin.failed", minute.minus(9, ChronoUnit.MINUTES), this.workspace, null, "wrong password", 1);
		auditEvent("ratelimit.hit", minute.minus(4, ChronoUnit.MINUTES), this.workspace, app, "token-endpoint", 6);

		this.browser.open("/login")
			.fill("email", this.owner)
			.fill("password", OAuthFlows.PASSWORD)
			.click("button[type=submit]");
		this.browser.waitForText("Hello,");
		this.browser.click("a[href='/security']");
		String dashboard = this.browser.waitForText("Open alerts");

		assertThat(dashboard).contains("Tokens issued", "Failed authentications", "Rate-limited requests (429)",
				"Burst of failed client authentications", "Ledger Sync",
				"3 failed client authentications within 5 minutes", "Client secrets near expiry",
				app.clientSecret().substring(0, 8) + "…", "Top apps by tokens issued");
		assertThat(this.browser.has("[data-test=chart-tokens] rect.bar")).as("bars of tokens").isTrue();
		assertThat(this.browser.has("[data-test=chart-failures] rect.bar")).isTrue();
		assertThat(this.browser.has("[data-test=chart-rate-limited] rect.bar")).isTrue();
		this.browser.screenshot("security-dashboard");
		// Clicking a heading scrolls the charts, then the lists, into view.
		this.browser.click("[data-test=chart-tokens]");
		this.browser.screenshot("security-dashboard-charts");
		this.browser.click("[data-test=chart-failures]");
		this.browser.screenshot("security-dashboard-charts-2");
		this.browser.click("[data-test=metrics-hint]");
		this.browser.screenshot("security-dashboard-lists");

		this.browser.click("[data-test=acknowledge]");
		assertThat(this.browser.waitForText("Alert acknowledged")).contains("No open alerts");

		this.browser.click("[data-test=range-day]");
		assertThat(this.browser.waitForText("in the last 24 hours")).contains("Refresh");
		assertThat(this.browser.path()).isEqualTo("/security?range=day&scope=workspace");
		this.browser.screenshot("security-dashboard-day");

		this.browser.click("a[href='/security/alerts']");
		this.browser.waitForText("No open alerts");
		this.browser.click("[data-test=filter-acknowledged]");
		assertThat(this.browser.waitForText("Acknowledged by " + this.owner)).contains("Ledger Sync");
		this.browser.screenshot("security-alerts");
		assertThat(this.browser.consoleErrors()).as("no script errors or Content-Security-Policy violations").isEmpty();
	}

}
