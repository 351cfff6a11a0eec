package dev.mailgate.ratelimit.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.support.Browser;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator gives a busy app more API requests in Chromium, after a first try with a
 * mistyped window, and clears them again.
 */
@RequiresChromium
class RateLimitsPageBrowserTests extends IntegrationTestSupport {

	@Autowired
	Apps apps;

	@Autowired
	Accounts accounts;

	@Test
	void operatorSetsAndClearsAnAppsLimits() {
		RegisteredApp app = this.apps.register(this.accounts.bootstrapWorkspace().orElseThrow(),
				ClientMetadata
					.toNewApp(Map.of("client_name", "Busy CRM " + UUID.randomUUID().toString().substring(0, 8),
							"grant_types", List.of("client_credentials"), "scope", "contacts.read")),
				false);
		String clientId = app.app().clientId();
		try (Browser browser = new Browser(this.port)) {
			browser.open("/login")
				.fill("email", ADMIN_EMAIL)
				.fill("password", ADMIN_PASSWORD)
				.click("button[type=submit]");
			browser.waitForText("Hello");
			browser.open("/admin/rate-limits").waitForText("Apps with limits of their own");

			browser.fill("clientId", clientId)
				.fill("apiQuota", "2000")
				.fill("apiWindow", "0")
				.click("[data-test=set-limits]");
			assertThat(browser.waitForText("[data-test=error-apiWindow]", "Enter a window"))
				.contains("Enter a window of 1 to 86,400 seconds (a day).");
			browser.screenshot("rate-limits-form-error");

			browser.fill("apiWindow", "60").click("[data-test=set-limits]");
			browser.waitForText(clientId + " now has its own rate limits.");
			assertThat(browser.text()).contains(app.app().name(), "2,000 per minute");
			browser.screenshot("rate-limits-set");
			assertThat(browser.consoleErrors()).noneMatch((error) -> error.contains("Content Security Policy"));

			browser.click("[data-client-id='" + clientId + "'] [data-test=clear]");
			browser.waitForText(clientId + " is back on the default rate limits.");
			assertThat(browser.has("[data-client-id='" + clientId + "']")).isFalse();
		}
	}

}
