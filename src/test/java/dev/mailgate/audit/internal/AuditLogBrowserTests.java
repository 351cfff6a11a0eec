package dev.mailgate.audit.internal;

import java.util.List;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.support.Browser;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An owner signs up, mistypes their password once, signs in, then reads the audit log in
 * Chromium: filters it down to the failed sign-in and exports what the filter shows.
 */
@RequiresChromium
class AuditLogBrowserTests extends IntegrationTestSupport {

	private final String owner = uniqueEmail();

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
	void filterTheAuditLogAndExportWhatItShows() {
		this.browser.open("/signup")
			.fill("displayName", "Olga Owner")
			.fill("email", this.owner)
			.fill("password", OAuthFlows.PASSWORD)
			.fill("workspaceName", "Bakery Newsletter")
			.click("button[type=submit]");
		this.browser.waitForText("Hello, Olga Owner");
		this.browser.click("[data-test=sign-out]");
		this.browser.waitForText("Sign in");
		this.browser.fill("email", this.owner).fill("password", "not my password").click("button[type=submit]");
		this.browser.waitForText("Sign in");
		this.browser.fill("email", this.owner).fill("password", OAuthFlows.PASSWORD).click("button[type=submit]");
		this.browser.waitForText("Hello, Olga Owner");

		this.browser.open("/security/audit");
		String log = this.browser.waitForText("Audit log");
		this.browser.screenshot("audit-log");
		assertThat(log).contains("Security events in Bakery Newsletter, newest first", "Signed in",
				this.owner + " signed in", "Sign-in failed", "Sign-in as %s failed".formatted(this.owner),
				"Chrome on Linux");

		this.browser.select("kind", "signin.failed").click("[data-test=filter]");
		this.browser.waitForText("Clear");
		this.browser.screenshot("audit-log-filtered");
		assertThat(this.browser.text()).contains("Sign-in as %s failed".formatted(this.owner))
			.doesNotContain(this.owner + " signed in");
		assertThat(this.browser.selected("kind")).isEqualTo("signin.failed");
		assertThat(this.browser.has("[data-test=export][href='/security/audit/export.csv?kind=signin.failed']"))
			.isTrue();

		List<String> export = this.browser.fetch("/security/audit/export.csv?kind=signin.failed").lines().toList();
		assertThat(export).hasSize(2);
		assertThat(export.get(0)).endsWith(String.join(",", AuditLogCsv.HEADER));
		assertThat(export.get(1)).contains(",signin.failed,Sign-in failed,failure," + this.owner + ",")
			.contains("HeadlessChrome");
		assertThat(this.browser.consoleErrors()).as("no CSP violation or script error").isEmpty();
	}

}
