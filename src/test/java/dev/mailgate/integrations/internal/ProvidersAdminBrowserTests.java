package dev.mailgate.integrations.internal;

import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.support.Browser;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator adds LinkedIn from its preset and another Mailgate by its issuer URL (its
 * RFC 8414 metadata served by WireMock) in Chromium, sees both listed with masked secrets
 * and the redirect URI to register, and replaces a rotated secret.
 */
@RequiresChromium
class ProvidersAdminBrowserTests extends IntegrationTestSupport {

	static WireMockServer otherMailgate = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	@BeforeAll
	static void startProvider() {
		otherMailgate.start();
	}

	@AfterAll
	static void stopProvider() {
		otherMailgate.stop();
	}

	@Test
	void operatorAddsProvidersFromAPresetAndByIssuerAndReplacesASecret() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String issuer = DiscoveryDocuments.oauthServer(otherMailgate, "mailgate-" + suffix, Map.of());
		try (Browser browser = new Browser(this.port)) {
			browser.open("/login")
				.fill("email", ADMIN_EMAIL)
				.fill("password", ADMIN_PASSWORD)
				.click("button[type=submit]");
			browser.waitForText("Hello");
			browser.open("/security/audit").click("a[href='/admin/integrations']");
			browser.waitForText("Integration providers");
			browser.click("[data-test=add-provider]").waitForText("From a preset");
			browser.screenshot("providers-new");

			browser.click("[data-test=preset-linkedin]").waitForText("Add LinkedIn");
			assertThat(browser.value("#tokenUri")).isEqualTo("https://www.linkedin.com/oauth/v2/accessToken");
			browser.fill("registrationId", "linkedin-" + suffix)
				.fill("clientId", "86linkedin" + suffix)
				.fill("clientSecret", "WPL_AP1.linkedin-secret." + suffix + "L1NK")
				.click("[data-test=save-provider]");
			browser.waitForText("LinkedIn was added.");
			String linkedIn = "[data-registration-id='linkedin-" + suffix + "']";
			assertThat(browser.waitForText(linkedIn, "••••L1NK")).contains("Share campaigns", "0 workspaces");
			assertThat(browser.value(linkedIn + " [data-test=redirect-uri]"))
				.isEqualTo(ISSUER + "/integrations/callback/linkedin-" + suffix);

			browser.open("/admin/integrations/new").fill("issuer", issuer).click("[data-test=discover]");
			browser.waitForText("Endpoints found at the issuer");
			assertThat(browser.value("#revocationUri")).isEqualTo(issuer + "/revoke");
			assertThat(browser.value("#apiBaseUrl")).isEqualTo(issuer);
			browser.screenshot("providers-discovered");
			browser.fill("name", "Head office " + suffix)
				.fill("registrationId", "head-office-" + suffix)
				.fill("clientId", "mgapp-head-office")
				.fill("clientSecret", "mgs_headofficesecret" + suffix + "HQ01")
				.click("[data-test=save-provider]");
			browser.waitForText("Head office " + suffix + " was added.");
			String headOffice = "[data-registration-id='head-office-" + suffix + "']";
			assertThat(browser.waitForText(headOffice, "••••HQ01")).contains("Another Mailgate", "Contact sync");
			browser.screenshot("providers-list");

			browser.click(headOffice + " [data-test=replace-secret]").waitForText("Replace the client secret");
			browser.fill("clientSecret", "mgs_rotatedsecret" + suffix + "NEW2").click("[data-test=save-secret]");
			browser.waitForText("The client secret of Head office " + suffix + " was replaced.");
			assertThat(browser.waitForText(headOffice, "••••NEW2")).doesNotContain("HQ01");
			assertThat(browser.text()).doesNotContain("mgs_rotatedsecret");
			assertThat(browser.consoleErrors()).noneMatch((error) -> error.contains("Content Security Policy"));
		}
	}

}
