package dev.mailgate.apps.internal;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.support.Browser;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A developer registers an app, copies its secret, rotates it, sees both secrets work
 * through the grace period, revokes the old one, and only the new one works.
 */
@RequiresChromium
class DeveloperPortalBrowserTests extends IntegrationTestSupport {

	@Autowired
	SecretUsage usage;

	private Browser browser;

	private OAuthFlows flows;

	@BeforeEach
	void openBrowser() {
		this.browser = new Browser(this.port);
		this.flows = new OAuthFlows(this.mvc);
	}

	@AfterEach
	void closeBrowser() {
		this.browser.close();
	}

	@Test
	void registerCopyRotateAndRevokeTheOldSecret() {
		this.browser.open("/signup")
			.fill("displayName", "Dev Eloper")
			.fill("email", uniqueEmail())
			.fill("password", OAuthFlows.PASSWORD)
			.fill("workspaceName", "Integrations Inc")
			.click("button[type=submit]");
		this.browser.waitForText("Hello, Dev Eloper");
		this.browser.click("a[href='/apps']");
		assertThat(this.browser.waitForText("No apps yet")).contains("Integrations Inc");
		this.browser.click("[data-test=register-app]");
		this.browser.waitForText("Register an app");
		this.browser.fill("name", "Ledger Sync")
			.fill("description", "Books every new contact")
			.click("#actsForPeople1")
			.click("#actsOnWorkspace1")
			.click("input[value='contacts.read']");
		this.browser.screenshot("portal-register");
		this.browser.click("[data-test=submit]");

		assertThat(this.browser.waitForText("Your new client secret")).contains("it will not be shown again",
				"Ledger Sync");
		String clientId = this.browser.value("[data-test=client-id]");
		String first = this.browser.value("[data-test=secret-value]");
		assertThat(first).startsWith("mgs_");
		this.browser.click("[data-copy=new-secret]");
		this.browser.screenshot("portal-new-secret");
		assertThat(works(clientId, first)).isTrue();

		this.browser.open("/apps/" + clientId);
		this.browser.waitForText("Client secrets");
		assertThat(this.browser.has("[data-test=new-secret]")).as("a secret is shown only once").isFalse();
		assertThat(this.browser.text()).doesNotContain(first).contains(first.substring(0, 8) + "…");

		this.browser.click("[data-test=rotate]");
		this.browser.waitForText("the old ones keep working until");
		String second = this.browser.value("[data-test=secret-value]");
		assertThat(second).startsWith("mgs_").isNotEqualTo(first);
		assertThat(works(clientId, first)).isTrue();
		assertThat(works(clientId, second)).isTrue();
		this.browser.open("/apps/" + clientId);
		this.browser.screenshot("portal-two-secrets");

		this.browser.click("tr[data-secret^='" + first.substring(0, 8) + "'] [data-test=revoke]");
		assertThat(this.browser.waitForText("Revoke this secret?")).contains("A client still depends on it");
		this.browser.click("[data-test=confirm-revoke]");
		this.browser.waitForText("Secret revoked.");

		assertThat(works(clientId, first)).isFalse();
		assertThat(works(clientId, second)).isTrue();
		assertThat(this.browser.consoleErrors()).isEmpty();
	}

	private boolean works(String clientId, String secret) {
		boolean works = this.flows.token(clientId, secret, "grant_type", "client_credentials")
			.getResponse()
			.getStatus() == 200;
		this.usage.flush();
		return works;
	}

}
