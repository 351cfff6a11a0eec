package dev.mailgate.oauth.internal;

import dev.mailgate.support.Browser;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A developer trying the API from its documentation: Swagger UI at {@code /docs} signs
 * them in and asks for consent through Mailgate's own pages (authorization code with
 * PKCE, as a public client), then calls the API with the token it got.
 */
@RequiresChromium
class ApiDocsBrowserTests extends OAuthTestSupport {

	private Browser browser;

	@BeforeEach
	void start() {
		this.browser = new Browser(this.port);
	}

	@AfterEach
	void stop() {
		this.browser.close();
	}

	@Test
	void developerAuthorizesSwaggerUiThroughConsentAndCallsTheApi() {
		String email = uniqueEmail();
		this.flows.newPerson(email);
		this.browser.open("/docs").waitForText("Mailgate marketing API");
		this.browser.screenshot("api-docs");
		this.browser.click("button.authorize").waitFor(".auth-container");
		assertThat(this.browser.value("input#client_id_authorizationCode")).isEqualTo("mailgate-api-docs");

		this.browser.click(".auth-container button.authorize").switchToPopup().waitForText("Sign in");
		this.browser.fill("email", email).fill("password", OAuthFlows.PASSWORD).click("button[type=submit]");
		assertThat(this.browser.waitForText("Mailgate API docs wants access to your Mailgate account"))
			.contains("See your contacts and lists");
		this.browser.click("[data-test=allow]").switchBackWhenPopupCloses();
		this.browser.waitForText(".auth-container", "Logout");
		this.browser.click("button.btn-done");

		String me = "#operations-Me-showMe ";
		this.browser.click(me + "button.opblock-summary-control")
			.waitFor(me + ".try-out__btn")
			.click(me + ".try-out__btn")
			.click(me + ".execute");
		assertThat(this.browser.waitForText(me + ".live-responses-table .response .response-col_status", "200"))
			.startsWith("200");
		this.browser.screenshot("api-docs-me");
		assertThat(this.browser.text()).contains("\"client_id\": \"mailgate-api-docs\"", "\"contacts.read\"");
		assertThat(this.browser.consoleErrors()).isEmpty();
	}

}
