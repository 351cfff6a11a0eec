package dev.mailgate.integrations.internal;

import dev.mailgate.support.Browser;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integrations page in Chromium: what a marketer sees when a provider stopped
 * accepting Mailgate's access, and that the page keeps to the Content-Security-Policy.
 */
@RequiresChromium
class IntegrationsPageBrowserTests extends ConnectTestSupport {

	Browser browser;

	@BeforeEach
	void signIn() {
		newProviderAndPerson(true, false);
		this.browser = new Browser(this.port);
		this.browser.open("/login");
		this.browser.fill("email", this.email).fill("password", OAuthFlows.PASSWORD).click("button[type=submit]");
		// Opening the next page before the sign-in answered would race it: the page would
		// be the sign-in form again.
		this.browser.waitForText("Hello");
	}

	@AfterEach
	void closeBrowser() {
		this.browser.close();
	}

	@Test
	void reconnectNeededShowsTheBannerAndReconnect() {
		Connection connection = connect(this.session, this.fake, this.email, "access-1", "refresh-1", 3600);
		this.connections.markReconnectNeeded(connection.id(), "invalid_grant: said the provider");

		this.browser.open("/integrations");
		String card = this.browser.waitForText("[data-provider='" + this.fake.registrationId + "']",
				"no longer accepts Mailgate's access");

		assertThat(card).contains("Reconnect needed", "Connected as " + this.email, "Reconnect", "Disconnect")
			.doesNotContain("Sync contacts");
		assertThat(this.browser.has("[data-provider='" + this.fake.registrationId + "'] [data-test=reconnect-banner]"))
			.isTrue();
		this.browser.screenshot("integrations-reconnect-needed");
		assertThat(this.browser.consoleErrors()).isEmpty();
	}

	@Test
	void notConnectedProviderOffersConnect() {
		this.browser.open("/integrations");
		String card = this.browser.waitForText("[data-provider='" + this.fake.registrationId + "']", "Not connected");

		assertThat(card).contains("Fake CRM", "Connect").doesNotContain("Disconnect");
		assertThat(this.browser.consoleErrors()).isEmpty();
	}

}
