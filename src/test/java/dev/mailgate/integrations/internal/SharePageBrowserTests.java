package dev.mailgate.integrations.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.support.Browser;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * In Chromium: a marketer picks a sent campaign, edits the post's text while the preview
 * follows, shares it to LinkedIn (WireMock) and finds it in the history; and turns the
 * analytics export on.
 */
@RequiresChromium
class SharePageBrowserTests extends ShareTestSupport {

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
	void marketerPicksACampaignEditsTheTextAndShares() {
		Connection linkedIn = connect(ProviderType.LINKEDIN, null, "abc123XYZ", "linkedin-access-token");
		CampaignId older = sentCampaign("Autumn loaves", true);
		CampaignId newer = sentCampaign("Fresh bread is back", true);
		this.wiremock.stubFor(post("/rest/posts")
			.willReturn(aResponse().withStatus(201).withHeader("x-restli-id", "urn:li:share:42")));
		signIn();

		this.browser.open("/integrations/share?campaign=" + older);
		assertThat(this.browser.waitForText("[data-test=preview]", "Autumn loaves")).contains("Ada Lovelace");
		this.browser.select("campaign", newer.toString());
		assertThat(this.browser.waitForText("[data-test=preview]", "Fresh bread is back"))
			.contains(ISSUER + "/archive/" + slug(newer));
		this.browser.fill("commentary", "Sourdough is back at the bakery!");
		assertThat(this.browser.waitForText("[data-share-preview]", "Sourdough is back at the bakery!")).isNotBlank();
		this.browser.screenshot("share-page");
		this.browser.click("[data-test=share]");

		assertThat(this.browser.waitForText("[data-test=notice]", "Shared to")).contains("See the post");
		assertThat(this.browser.waitForText("[data-test=shares]", "Sourdough is back at the bakery!"))
			.contains("Fresh bread is back")
			.contains("Shared");
		this.browser.screenshot("share-history");
		this.wiremock.verify(1,
				postRequestedFor(urlEqualTo("/rest/posts")).withRequestBody(equalToJson(
						"{\"commentary\":\"Sourdough is back at the bakery!\",\"content\":{\"article\":{\"source\":\""
								+ ISSUER + "/archive/" + slug(newer) + "\"}}}",
						true, true)));
		assertThat(this.browser.path()).startsWith("/integrations/connections/" + linkedIn.id() + "/share");
		assertThat(this.browser.consoleErrors()).isEmpty();
	}

	@Test
	void marketerTurnsTheAnalyticsExportOnAndSendsNow() {
		Connection analytics = connect(ProviderType.CUSTOM, base() + "/events", "acct-1", "analytics-token");
		CampaignId campaign = sentCampaign("Fresh bread is back", true);
		Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
		for (int i = 0; i < 3; i++) {
			event(campaign, "opened", "reader" + i + "@bakery.example", hourAgo.plusSeconds(i));
		}
		this.wiremock.stubFor(post("/events").willReturn(aResponse().withStatus(202)));
		signIn();

		this.browser.open("/integrations/connections/" + analytics.id() + "/analytics");
		assertThat(this.browser.waitForText("[data-test=backlog]", "3")).isEqualTo("3");
		this.browser.click("[data-test=enable]");
		this.browser.waitForText("[data-test=notice]", "The export is on");
		this.browser.click("[data-test=send-now]");
		this.browser.waitForText("[data-test=notice]", "Sending now");
		await("the page shows the events sent", Duration.ofSeconds(20), () -> {
			this.browser.open("/integrations/connections/" + analytics.id() + "/analytics");
			return this.browser.text().contains("Up to date");
		});

		assertThat(this.browser.waitForText("[data-test=exported]", "3")).isEqualTo("3");
		assertThat(this.browser.waitForText("[data-test=backlog]", "0")).isEqualTo("0");
		this.browser.screenshot("analytics-export");
		this.wiremock.verify(1, postRequestedFor(urlEqualTo("/events")));
		assertThat(this.browser.consoleErrors()).isEmpty();
	}

	private void signIn() {
		this.browser.open("/login")
			.fill("email", this.marketer)
			.fill("password", OAuthFlows.PASSWORD)
			.click("button[type=submit]");
		this.browser.waitForText("Hello");
	}

}
