package dev.mailgate.campaigns.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.campaigns.EngagementKind;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.SubscriptionStatus;
import dev.mailgate.support.Browser;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In Chromium: a recipient unsubscribes through the link in a message; a marketer reads a
 * campaign's report; anyone opens a public archive page.
 */
@RequiresChromium
class EngagementBrowserTests extends EngagementTestSupport {

	@Autowired
	Engagements engagements;

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
	void recipientUnsubscribesWithTheButton() {
		CampaignId campaign = sentCampaign();
		Contact ada = contact("ada-" + System.nanoTime() + "@example.com", "Ada");
		String link = this.links.unsubscribe(campaign, ada.id());

		this.browser.open(link.substring(ISSUER.length()));
		assertThat(this.browser.waitForText("Unsubscribe")).contains("a•••@example.com")
			.contains("Workspace of " + this.marketer);
		this.browser.screenshot("unsubscribe");
		this.browser.click("[data-test=unsubscribe]");

		assertThat(this.browser.waitForText("You are unsubscribed")).contains("will no longer receive campaigns");
		this.browser.screenshot("unsubscribed");
		assertThat(this.contacts.find(this.workspace, ada.id()).orElseThrow().status())
			.isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
		assertThat(events(campaign, "unsubscribed")).isEqualTo(1);
		assertThat(this.browser.consoleErrors()).isEmpty();
	}

	@Test
	void marketerReadsTheReportWithItsCharts() {
		CampaignId campaign = sentCampaign();
		Instant sent = Instant.now().minus(3, ChronoUnit.HOURS);
		for (int i = 0; i < 4; i++) {
			Contact reader = contact(uniqueEmail(), "Reader " + i);
			recipient(campaign, reader);
			record(EngagementKind.SENT, campaign, reader, null, sent);
			if (i < 2) {
				record(EngagementKind.OPENED, campaign, reader, null, sent.plus(i, ChronoUnit.HOURS));
			}
			if (i == 0) {
				record(EngagementKind.CLICKED, campaign, reader, "https://bakery.example/bread", sent.plusSeconds(90));
			}
		}

		this.browser.open("/login")
			.fill("email", this.marketer)
			.fill("password", OAuthFlows.PASSWORD)
			.click("button[type=submit]");
		this.browser.waitForText("Hello");
		this.browser.open("/campaigns/" + campaign + "/report");

		assertThat(this.browser.waitForText("Opens and clicks over time")).contains("Open rate")
			.contains("50.0 %")
			.contains("https://bakery.example/bread");
		assertThat(this.browser.has("[data-test=timeline-chart] rect.bar")).isTrue();
		this.browser.screenshot("campaign-report");
		assertThat(this.browser.consoleErrors()).isEmpty();
	}

	@Test
	void publicArchivePageShowsTheMessageInItsFrame() {
		CampaignId campaign = campaign(this.workspace, "SENT", true, "Fresh bread is back",
				"<h1 style=\"color: #b45309\">Sourdough, {{first_name|friend}}!</h1><script>document.title='x'</script>",
				"Sourdough");

		this.browser.open("/archive/" + slug(campaign));

		assertThat(this.browser.waitForText("Fresh bread is back")).contains("Copy link").contains("LinkedIn");
		assertThat(this.browser.has("iframe.archive-frame")).isTrue();
		this.browser.screenshot("archive-page");
		assertThat(this.browser.title()).startsWith("Fresh bread is back");
		assertThat(this.browser.consoleErrors()).allSatisfy((error) -> assertThat(error).contains("script"));
	}

	private void record(EngagementKind kind, CampaignId campaign, Contact contact, String url, Instant at) {
		this.engagements.record(kind, this.workspace, campaign, contact.id(), contact.email(), url, null, null, at);
	}

}
