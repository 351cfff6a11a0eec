package dev.mailgate.accounts.internal;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.support.Browser;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@RequiresChromium
class SignUpBrowserTests extends IntegrationTestSupport {

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
	void newPersonSignsUpSignsOutAndSignsInAgain() {
		String email = uniqueEmail();
		this.browser.open("/");
		assertThat(this.browser.path()).isEqualTo("/login");
		this.browser.click("a[href='/signup']");
		this.browser.waitForText("Create your account");
		this.browser.screenshot("signup");

		signUp(email);
		String home = this.browser.waitForText("Hello, Ada Lovelace");
		assertThat(home).contains("Your account is ready", email, "Analytical Engines", "Owner");
		this.browser.screenshot("home");

		this.browser.click("[data-test=sign-out]");
		assertThat(this.browser.waitForText("You are signed out.")).contains("Sign in");

		signIn(email, "correct horse battery staple");
		assertThat(this.browser.waitForText("Hello, Ada Lovelace")).contains("Analytical Engines");
		assertThat(this.browser.path()).isEqualTo("/");
		assertThat(this.browser.consoleErrors()).isEmpty();
	}

	@Test
	void wrongPasswordShowsAnErrorOnTheSignInPage() {
		String email = uniqueEmail();
		this.browser.open("/signup");
		signUp(email);
		this.browser.waitForText("Hello, Ada Lovelace");
		this.browser.click("[data-test=sign-out]");
		this.browser.waitForText("You are signed out.");

		signIn(email, "not the password");
		assertThat(this.browser.waitForText("That email and password do not match an account.")).contains("Sign in");
		this.browser.screenshot("signin-error");
	}

	@Test
	void signUpFormExplainsWhatIsWrongWithTheInput() {
		this.browser.open("/signup");
		this.browser.fill("displayName", "Ada").fill("email", uniqueEmail()).fill("password", "short");
		this.browser.click("button[type=submit]");

		assertThat(this.browser.waitForText("Use at least 12 characters.")).contains("Create your account");
		this.browser.screenshot("signup-error");
	}

	private void signUp(String email) {
		this.browser.fill("displayName", "Ada Lovelace")
			.fill("email", email)
			.fill("password", "correct horse battery staple")
			.fill("workspaceName", "Analytical Engines")
			.click("button[type=submit]");
	}

	private void signIn(String email, String password) {
		this.browser.fill("email", email).fill("password", password).click("button[type=submit]");
	}

}
