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
 * {@code GET /api/v1/events}: an analytics tool reads the workspace's engagement events a
 * page at a time, oldest first, and polls with the last cursor for new ones.
 */
class EventsApiIntegrationTests extends EngagementTestSupport {

	@Autowired
	Engagements engagements;

	@Test
	void pagesFollowTheEventsOldestFirstAndTheLastCursorFindsNewOnes() {
		CampaignId campaign = sentCampaign();
		Contact ada = contact(uniqueEmail(), "Ada");
		recipient(campaign, ada);
		Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
		for (int i = 0; i < 5; i++) {
			record(EngagementKind.OPENED, campaign, ada, null, start.plusSeconds(i));
		}
		String token = token(this.workspace, "reports.read");

		Map<String, Object> first = OAuthFlows.json(events(token, "limit=3"));
		Map<String, Object> second = OAuthFlows.json(events(token, "limit=3&cursor=" + first.get("next_cursor")));
		Map<String, Object> caughtUp = OAuthFlows.json(events(token, "limit=3&cursor=" + second.get("next_cursor")));
		record(EngagementKind.CLICKED, campaign, ada, "https://bakery.example/", start.plusSeconds(60));
		Map<String, Object> later = OAuthFlows.json(events(token, "cursor=" + caughtUp.get("next_cursor")));

		assertThat(data(first)).hasSize(3);
		assertThat(data(second)).hasSize(2);
		assertThat(data(first).get(0)).containsEntry("kind", "opened")
			.containsEntry("campaign_id", campaign.toString())
			.containsEntry("contact_id", ada.id().toString())
			.containsEntry("email", ada.email())
			.containsKeys("id", "url", "at");
		assertThat(data(first).get(0).get("at")).isEqualTo(start.toString());
		assertThat(data(caughtUp)).isEmpty();
		assertThat(caughtUp.get("next_cursor")).as("kept for polling").isEqualTo(second.get("next_cursor"));
		assertThat(data(later)).singleElement().satisfies((event) -> {
			assertThat(event).containsEntry("kind", "clicked").containsEntry("url", "https://bakery.example/");
		});
	}

	@Test
	void filtersByKindCampaignAndTimeAndShowsOnlyTheWorkspacesEvents() {
		CampaignId spring = sentCampaign();
		CampaignId summer = sentCampaign();
		Contact ada = contact(uniqueEmail(), "Ada");
		Instant start = Instant.now().minus(2, ChronoUnit.HOURS);
		record(EngagementKind.OPENED, spring, ada, null, start);
		record(EngagementKind.CLICKED, spring, ada, "https://bakery.example/", start.plusSeconds(10));
		record(EngagementKind.OPENED, summer, ada, null, start.plus(1, ChronoUnit.HOURS));
		String token = token(this.workspace, "reports.read");
		String stranger = token(otherWorkspace(), "reports.read");

		assertThat(data(OAuthFlows.json(events(token, "kind=opened")))).hasSize(2);
		assertThat(data(OAuthFlows.json(events(token, "campaign_id=" + spring)))).hasSize(2);
		assertThat(data(OAuthFlows.json(events(token, "since=" + start.plus(30, ChronoUnit.MINUTES))))).singleElement()
			.satisfies((event) -> assertThat(event).containsEntry("campaign_id", summer.toString()));
		assertThat(data(OAuthFlows.json(events(token, "kind=opened&campaign_id=" + summer)))).hasSize(1);
		assertThat(data(OAuthFlows.json(events(stranger, "")))).isEmpty();
	}

	@Test
	void badParametersAreProblemsNamingThem() {
		String token = token(this.workspace, "reports.read");

		for (String[] bad : List.of(new String[] { "limit=0", "limit" }, new String[] { "limit=many", "limit" },
				new String[] { "cursor=nonsense", "cursor" }, new String[] { "kind=read", "kind" },
				new String[] { "campaign_id=42", "campaign_id" }, new String[] { "since=yesterday", "since" })) {
			MvcTestResult result = events(token, bad[0]);
			assertThat(result).as(bad[0]).hasStatus(400);
			assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
			assertThat(OAuthFlows.json(result)).as(bad[0]).containsEntry("field", bad[1]);
		}
	}

	@Test
	void eventsNeedScopeReportsRead() {
		MvcTestResult result = events(token(this.workspace, "contacts.read"), "");

		assertThat(result).hasStatus(403);
		assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).contains("insufficient_scope");
		assertThat(this.mvc.get().uri("/api/v1/events").exchange()).hasStatus(401);
	}

	private dev.mailgate.accounts.WorkspaceId otherWorkspace() {
		String email = "other-" + java.util.UUID.randomUUID() + "@example.com";
		this.flows.newPerson(email);
		return this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(email).orElseThrow().id()).orElseThrow();
	}

	private void record(EngagementKind kind, CampaignId campaign, Contact contact, String url, Instant at) {
		// opens and clicks are recorded without the email (one insert); the feed finds it
		this.engagements.record(kind, this.workspace, campaign, contact.id(), null, url, "203.0.113.7", "Mail/16.0",
				at);
	}

	private MvcTestResult events(String token, String query) {
		return this.mvc.get()
			.uri("/api/v1/events?" + query)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> data(Map<String, Object> page) {
		return (List<Map<String, Object>>) page.get("data");
	}

}
