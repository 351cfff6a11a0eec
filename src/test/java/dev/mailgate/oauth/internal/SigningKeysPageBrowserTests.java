package dev.mailgate.oauth.internal;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.support.Browser;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator finds the signing keys under Security in Chromium, reads when they are
 * due, and rotates both.
 */
@RequiresChromium
class SigningKeysPageBrowserTests extends IntegrationTestSupport {

	@Autowired
	SigningKeys signingKeys;

	@Test
	void operatorRotatesTheSigningKeysFromTheSecurityPages() {
		String before = this.signingKeys.current().getKeyID();
		try (Browser browser = new Browser(this.port)) {
			browser.open("/login")
				.fill("email", ADMIN_EMAIL)
				.fill("password", ADMIN_PASSWORD)
				.click("button[type=submit]");
			browser.waitForText("Hello");
			browser.open("/security").click("a[href='/admin/signing-keys']");
			browser.waitForText("JWT signing keys");
			assertThat(browser.text()).contains(before, "Signs new tokens",
					"Each key is replaced once it is 90 days old");
			assertThat(browser.has("[data-test=signing-due]")).isTrue();

			browser.click("[data-test=rotate]");
			browser.waitForText("[data-test=notice]", "Both keys were rotated.");
			String after = this.signingKeys.current().getKeyID();
			assertThat(after).isNotEqualTo(before);
			assertThat(browser.text()).contains(after, "Retired", "in the JWKS until");
			assertThat(browser.has("[data-test=signing-keys] [data-key='" + before + "']")).isTrue();
			browser.screenshot("signing-keys-rotated");
			assertThat(browser.consoleErrors()).noneMatch((error) -> error.contains("Content Security Policy"));
		}
	}

}
