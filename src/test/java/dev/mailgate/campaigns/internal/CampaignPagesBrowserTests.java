package dev.mailgate.campaigns.internal;

import java.time.Duration;

import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.support.Browser;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A marketer writes a campaign in the editor (an unknown merge tag first), looks at the
 * preview, sends a test, confirms the send and watches the progress until it is sent.
 */
@RequiresChromium
class CampaignPagesBrowserTests extends CampaignTestSupport {

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
	void writePreviewTestAndSendACampaign() {
		this.throttle.rate(20);
		ContactList list = audience(60);
		this.browser.open("/login")
			.fill("email", this.marketer)
			.fill("password", OAuthFlows.PASSWORD)
			.click("button[type=submit]");
		this.browser.waitForText("Hello");
		this.browser.click(".topnav a[href='/campaigns']");
		this.browser.waitForText("No campaigns yet");
		this.browser.click("[data-test=new-campaign]");

		this.browser.fill("name", "November news")
			.fill("subject", "Fresh loaves, {{first_name|friend}}")
			.fill("preheader", "Rye is back")
			.select("listId", list.id().toString())
			.fill("htmlBody", "<h1>Hi {{first_name|there}}</h1><p>{{favourite_loaf}} is ready.</p>")
			.click("[data-test=save]");
		assertThat(this.browser.waitForText("[data-error=html_body]", "unknown merge tag"))
			.contains("{{favourite_loaf}}");
		this.browser.screenshot("campaigns-editor-error");

		this.browser
			.fill("htmlBody",
					"<h1>Hi {{first_name|there}}</h1><p>Your {{company|bakery}} order is ready.</p>"
							+ "<p><a href=\"https://bakery.example/rye\">See the rye</a></p>")
			.click("[data-test=save]");
		this.browser.waitForText("The draft is saved.");
		this.browser.waitFor("iframe[data-test=preview]");
		assertThat(this.browser.text()).contains("{{first_name}}", "{{company}}", "{{unsubscribe_url}}");
		String preview = this.browser.fetch(this.browser.path() + "/preview");
		// the first contact of the audience: with a first name and a company, or with the
		// defaults
		assertThat(preview).containsPattern("<h1>Hi (Reader\\d+|there)</h1><p>Your (Company\\d+|bakery) order is ready")
			.contains("href=\"https://bakery.example/rye\"", "Unsubscribe");
		this.browser.screenshot("campaigns-editor");

		this.browser.click("[data-test=save-and-continue]");
		assertThat(this.browser.waitForText("[data-test=audience]", "subscribed")).isEqualTo("60 subscribed contacts");
		assertThat(this.browser.text()).contains("Workspace of " + this.marketer + " <no-reply@localhost>",
				"Fresh loaves, {{first_name|friend}}");
		this.browser.fill("email", "me@" + this.domain).click("[data-test=send-test]");
		this.browser.waitForText("A test is on its way to me@" + this.domain + ".");
		this.browser.screenshot("campaigns-send-confirmation");

		this.browser.click("[data-test=send-now]");
		this.browser.waitForText("Sending has started.");
		this.browser.waitFor("[data-progress-bar]");
		this.browser.screenshot("campaigns-sending");
		this.browser.waitForProperty("[data-test=status]", "textContent", "Sent", Duration.ofSeconds(30));
		assertThat(this.browser.text()).contains("60 of 60", "See the report");

		CampaignId id = CampaignId.parse(this.browser.path().substring("/campaigns/".length()));
		assertThat(reload(id).status()).isEqualTo(CampaignStatus.SENT);
		assertThat(inbox()).hasSize(61);
		this.browser.open("/campaigns");
		assertThat(this.browser.waitForText("[data-test=status]", "Sent")).isEqualTo("Sent");
		this.browser.screenshot("campaigns-list");
		assertThat(this.browser.consoleErrors()).as("no CSP violation or script error; the bad save answers 400")
			.allMatch((error) -> error.endsWith("the server responded with a status of 400 ()"));
	}

}
