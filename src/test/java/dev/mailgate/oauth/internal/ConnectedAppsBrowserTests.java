package dev.mailgate.oauth.internal;

import java.util.Map;

import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.support.Browser;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.OAuthFlows.Pkce;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A marketer finds an app on their connected apps page in Chromium, revokes it, and the
 * app's next API call is refused.
 */
@RequiresChromium
class ConnectedAppsBrowserTests extends OAuthTestSupport {

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
	void marketerRevokesAConnectedAppAndItsTokenStopsWorking() {
		RegisteredApp app = confidentialApp("contacts.read contacts.write");
		String email = uniqueEmail();
		MockHttpSession person = this.flows.newPerson(email);
		Pkce pkce = OAuthFlows.pkce();
		String code = this.flows.code(person, app.app().clientId(), REDIRECT_URI, "contacts.read contacts.write", pkce);
		Map<String, Object> tokens = this.flows.exchange(app.app().clientId(), app.clientSecret(), code, REDIRECT_URI,
				pkce);
		String access = (String) tokens.get("access_token");
		assertThat(me(access)).hasStatusOk();

		this.browser.open("/connected-apps");
		this.browser.waitForText("Sign in");
		this.browser.fill("email", email).fill("password", OAuthFlows.PASSWORD).click("button[type=submit]");
		assertThat(this.browser.waitForText("Connected apps")).contains("Acme CRM", "See your contacts and lists",
				"Add and change contacts", "Made by", "Last used");
		this.browser.screenshot("connected-apps");
		assertThat(this.browser.consoleErrors()).isEmpty();

		this.browser.click("[data-client-id='" + app.app().clientId() + "'] [data-test=revoke]");
		assertThat(this.browser.waitForText("Revoke Acme CRM's access?"))
			.contains("every token it holds stops working");
		this.browser.click("[data-test=confirm-revoke]");

		assertThat(this.browser.waitForText("[data-test=notice]", "no longer has access"))
			.contains("Acme CRM no longer has access to your account");
		assertThat(this.browser.text()).contains("No connected apps");
		assertThat(me(access)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	private org.springframework.test.web.servlet.assertj.MvcTestResult me(String token) {
		return this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + token).exchange();
	}

}
