package dev.mailgate.webhooks.internal;

import java.util.UUID;

import dev.mailgate.support.Browser;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app's owner follows the link from the app's page to its webhooks, finds a failed
 * delivery in the log and sends it again, in Chromium.
 */
@RequiresChromium
class WebhookLogBrowserTests extends WebhooksTestSupport {

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
	void ownerFindsAFailedDeliveryAndSendsItAgain() {
		String id = (String) subscribe("contact.created").get("id");
		this.endpoint.answeringAlways(500);
		String email = "browser-" + UUID.randomUUID() + "@example.com";
		createContact(this.app, email);
		this.endpoint.awaitCount((r) -> r.body().contains(email), 4);
		awaitStatus(id, "FAILED");

		this.browser.open("/login");
		this.browser.fill("email", this.marketer).fill("password", OAuthFlows.PASSWORD).click("button[type=submit]");
		this.browser.waitForText("Hello");
		this.browser.open("/apps/" + this.app.clientId()).click("[data-test=webhooks-link]");
		String page = this.browser.waitForText("Webhooks");
		assertThat(page).contains(this.endpoint.url()).contains("contact.created").contains("Failed").contains("500");
		this.browser.screenshot("webhooks-log-failed");

		this.endpoint.answeringAlways(200);
		this.browser.click("[data-test=send-again]");
		assertThat(this.browser.waitForText("will be sent again")).contains("contact.created");
		awaitStatus(id, "SUCCEEDED");
		this.browser.open("/apps/" + this.app.clientId() + "/webhooks");
		assertThat(this.browser.waitForText("[data-test=delivery-status]", "Succeeded")).isEqualTo("Succeeded");
		assertThat(this.browser.has("[data-test=send-again]")).isFalse();
		assertThat(this.browser.consoleErrors()).isEmpty();
		this.browser.screenshot("webhooks-log-succeeded");
	}

	private void awaitStatus(String subscription, String status) {
		long deadline = System.nanoTime() + 20_000_000_000L;
		while (System.nanoTime() < deadline) {
			if (this.jdbc.sql("select count(*) from webhooks_deliveries where subscription_id = ? and status = ?")
				.params(UUID.fromString(subscription), status)
				.query(Integer.class)
				.single() > 0) {
				return;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		throw new AssertionError("No delivery became " + status);
	}

}
