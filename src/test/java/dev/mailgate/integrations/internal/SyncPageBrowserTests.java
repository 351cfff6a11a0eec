package dev.mailgate.integrations.internal;

import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mailgate.support.Browser;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A marketer clicks Sync now on the sync page in Chromium and watches the progress bar
 * until the summary shows (HubSpot on WireMock, answering slowly enough to watch).
 */
@RequiresChromium
class SyncPageBrowserTests extends SyncTestSupport {

	static WireMockServer hubspot;

	private Browser browser;

	@BeforeAll
	static void startHubSpot() {
		hubspot = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		hubspot.start();
	}

	@AfterAll
	static void stopHubSpot() {
		hubspot.stop();
	}

	@BeforeEach
	void start() {
		this.browser = new Browser(this.port);
	}

	@AfterEach
	void stop() {
		this.browser.close();
	}

	@Test
	void progressBarRunsUntilTheSummaryShows() {
		String prefix = "/b-" + UUID.randomUUID();
		String path = prefix + "/crm/v3/objects/contacts";
		hubspot
			.stubFor(post(urlPathEqualTo(path + "/search")).willReturn(okJson(HubSpotJson.search(6, null, List.of()))));
		hubspot.stubFor(get(urlPathEqualTo(path)).withQueryParam("after", absent())
			.willReturn(okJson(HubSpotJson.page("2", HubSpotJson.contacts("page", 1, 2))).withFixedDelay(1200)));
		hubspot.stubFor(get(urlPathEqualTo(path)).withQueryParam("after", equalTo("2"))
			.willReturn(okJson(HubSpotJson.page("3", HubSpotJson.contacts("page", 3, 2))).withFixedDelay(1200)));
		hubspot.stubFor(get(urlPathEqualTo(path)).withQueryParam("after", equalTo("3"))
			.willReturn(okJson(HubSpotJson.page(null, HubSpotJson.contacts("page", 5, 2))).withFixedDelay(1200)));
		Member member = member();
		Connection connection = connection(member, provider(ProviderType.HUBSPOT, hubspot.baseUrl() + prefix),
				"token-" + UUID.randomUUID());

		this.browser.open("/integrations/connections/" + connection.id() + "/sync");
		this.browser.waitForText("Sign in");
		this.browser.fill("email", member.person().email())
			.fill("password", OAuthFlows.PASSWORD)
			.click("button[type=submit]");
		assertThat(this.browser.waitForText("Contact sync")).contains("Settings", "Provider field", "firstname");
		this.browser.click("[data-test=sync-now]");

		assertThat(this.browser.waitForText("[data-test=progress]", "of 6 contacts")).contains("of 6 contacts");
		assertThat(this.browser.has("progress[data-sync-bar]")).isTrue();
		this.browser.screenshot("sync-progress");
		assertThat(this.browser.waitForText("[data-test=summary]", "Finished in")).contains("6 created",
				"0 not imported");
		assertThat(this.browser.text()).contains("History", "Finished");
		this.browser.screenshot("sync-summary");
		assertThat(this.browser.consoleErrors()).isEmpty();
	}

}
