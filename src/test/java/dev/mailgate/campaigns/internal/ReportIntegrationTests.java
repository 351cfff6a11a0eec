package dev.mailgate.campaigns.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.campaigns.EngagementKind;
import dev.mailgate.contacts.Contact;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign's report, from known events: counts, rates, top links and timeline in the
 * API, and the report page.
 */
class ReportIntegrationTests extends EngagementTestSupport {

	@Autowired
	Engagements engagements;

	@Test
	void reportCountsAndRatesFollowFromTheEvents() {
		CampaignId campaign = campaignWithKnownEvents();

		Map<String, Object> report = OAuthFlows.json(api(campaign.toString(), token(this.workspace, "reports.read")));

		assertThat(report.get("counts")).isEqualTo(Map.of("sent", 10, "delivered", 8, "bounced", 2, "opens", 7,
				"unique_opens", 4, "clicks", 3, "unique_clicks", 2, "unsubscribed", 1, "complained", 0));
		@SuppressWarnings("unchecked")
		Map<String, Object> rates = (Map<String, Object>) report.get("rates");
		assertThat(rates).containsEntry("open_rate", 0.5)
			.containsEntry("click_rate", 0.25)
			.containsEntry("click_to_open_rate", 0.5)
			.containsEntry("bounce_rate", 0.2)
			.containsEntry("unsubscribe_rate", 0.125)
			.containsEntry("complaint_rate", 0.0);
		assertThat(report.get("top_links"))
			.isEqualTo(List.of(Map.of("url", "https://bakery.example/bread", "clicks", 2, "unique_clickers", 1),
					Map.of("url", "https://bakery.example/cake", "clicks", 1, "unique_clickers", 1)));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> timeline = (List<Map<String, Object>>) report.get("timeline");
		assertThat(timeline).hasSize(4);
		assertThat(timeline.stream().mapToInt((hour) -> (Integer) hour.get("opens")).sum()).isEqualTo(7);
		assertThat(timeline.stream().mapToInt((hour) -> (Integer) hour.get("clicks")).sum()).isEqualTo(3);
	}

	@Test
	void anotherWorkspacesCampaignIsNotFound() {
		CampaignId campaign = campaignWithKnownEvents();
		String others = token(newWorkspace(), "reports.read");

		MvcTestResult result = api(campaign.toString(), others);

		assertThat(result).hasStatus(404);
		assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
		assertThat(api("not-an-id", others)).hasStatus(404);
	}

	@Test
	void reportNeedsScopeReportsRead() {
		CampaignId campaign = campaignWithKnownEvents();

		MvcTestResult result = api(campaign.toString(), token(this.workspace, "campaigns.read"));

		assertThat(result).hasStatus(403);
		assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).contains("insufficient_scope");
	}

	@Test
	void reportPageShowsFiguresChartsAndEmptyStates() {
		CampaignId campaign = campaignWithKnownEvents();
		CampaignId draft = campaign(this.workspace, "DRAFT", false, "Not yet", "<p>Soon</p>", "Soon");

		MvcTestResult page = this.mvc.get().uri("/campaigns/" + campaign + "/report").session(this.session).exchange();
		MvcTestResult empty = this.mvc.get().uri("/campaigns/" + draft + "/report").session(this.session).exchange();

		assertThat(page).hasStatusOk();
		assertThat(page).bodyText()
			.contains("50.0 %")
			.contains("25.0 %")
			.contains("<svg class=\"chart-svg\"")
			.contains("https://bakery.example/bread")
			.doesNotContain("style=");
		assertThat(empty).hasStatusOk();
		assertThat(empty).bodyText()
			.contains("No results yet")
			.contains("No opens or clicks yet")
			.contains("No tracked link has been clicked yet");
	}

	@Test
	void reportPageOfAnotherWorkspacesCampaignIsNotFound() {
		CampaignId others = campaign(newWorkspace(), "SENT", false, "Theirs", "<p>x</p>", "x");

		assertThat(this.mvc.get().uri("/campaigns/" + others + "/report").session(this.session).exchange())
			.hasStatus(404);
		assertThat(this.mvc.get().uri("/campaigns/" + others + "/report").exchange()).hasStatus3xxRedirection();
	}

	/**
	 * Ten sent (two bounced), four recipients opened seven times, two clicked three
	 * times, one unsubscribed, over four hours after sending.
	 */
	private CampaignId campaignWithKnownEvents() {
		CampaignId campaign = sentCampaign();
		Instant sent = Instant.now().minus(3, ChronoUnit.HOURS);
		List<Contact> people = new java.util.ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Contact contact = contact(uniqueEmail(), "Reader " + i);
			people.add(contact);
			recipient(campaign, contact);
			record(EngagementKind.SENT, campaign, contact, null, sent);
		}
		record(EngagementKind.BOUNCED, campaign, people.get(8), null, sent.plusSeconds(5));
		record(EngagementKind.BOUNCED, campaign, people.get(9), null, sent.plusSeconds(5));
		for (int i = 0; i < 7; i++) {
			record(EngagementKind.OPENED, campaign, people.get(i % 4), null, sent.plus(i % 3, ChronoUnit.HOURS));
		}
		record(EngagementKind.CLICKED, campaign, people.get(0), "https://bakery.example/bread", sent.plusSeconds(60));
		record(EngagementKind.CLICKED, campaign, people.get(0), "https://bakery.example/bread", sent.plusSeconds(90));
		record(EngagementKind.CLICKED, campaign, people.get(1), "https://bakery.example/cake",
				sent.plus(3, ChronoUnit.HOURS));
		record(EngagementKind.UNSUBSCRIBED, campaign, people.get(2), null, sent.plusSeconds(600));
		return campaign;
	}

	private void record(EngagementKind kind, CampaignId campaign, Contact contact, String url, Instant at) {
		this.engagements.record(kind, this.workspace, campaign, contact.id(), contact.email(), url, null, null, at);
	}

	dev.mailgate.accounts.WorkspaceId newWorkspace() {
		String email = "other-" + java.util.UUID.randomUUID() + "@example.com";
		this.flows.newPerson(email);
		return this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(email).orElseThrow().id()).orElseThrow();
	}

	private MvcTestResult api(String campaign, String token) {
		return this.mvc.get()
			.uri("/api/v1/campaigns/" + campaign + "/report")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange();
	}

}
