package dev.mailgate.integrations.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.mailgate.accounts.Role;
import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.campaigns.Campaigns;
import dev.mailgate.integrations.IntegrationEvents.CampaignShared;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Sharing a sent campaign to LinkedIn, against WireMock speaking LinkedIn's Posts API
 * (learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api).
 */
@RecordApplicationEvents
class CampaignSharingIntegrationTests extends ShareTestSupport {

	private static final String URN = "urn:li:share:7123456789012345678";

	@Autowired
	CampaignSharing sharing;

	@Autowired
	Campaigns campaigns;

	@Autowired
	ApplicationEvents events;

	@Test
	void sharesTheArchivePageAsAnArticlePostWithLinkedInsHeaders() {
		Connection linkedIn = connect(ProviderType.LINKEDIN, null, "abc123XYZ", "linkedin-access-token");
		CampaignId campaign = sentCampaign("Fresh bread is back", true);
		this.wiremock
			.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(201).withHeader("x-restli-id", URN)));

		MvcTestResult shared = share(linkedIn, campaign, "Our bread (sourdough) is #1 @bakery_friends\n\nRead it");

		assertThat(shared).hasStatus3xxRedirection();
		this.wiremock.verify(1,
				postRequestedFor(urlEqualTo("/rest/posts"))
					.withHeader("Authorization", equalTo("Bearer linkedin-access-token"))
					.withHeader("LinkedIn-Version", equalTo("202511"))
					.withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"))
					.withRequestBody(equalToJson(
							"""
									{"author": "urn:li:person:abc123XYZ",
									 "commentary": "Our bread \\\\(sourdough\\\\) is \\\\#1 \\\\@bakery\\\\_friends\\n\\nRead it",
									 "visibility": "PUBLIC",
									 "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [],
									                  "thirdPartyDistributionChannels": []},
									 "content": {"article": {"source": "%s/archive/%s", "title": "Fresh bread is back",
									                         "description": "${json-unit.any-string}"}},
									 "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": false}"""
								.formatted(ISSUER, slug(campaign)))));
		assertThat(this.events.stream(CampaignShared.class)).singleElement()
			.satisfies((event) -> assertThat(event.postUrl()).isEqualTo("https://www.linkedin.com/feed/update/" + URN));
		assertThat(page(linkedIn, campaign)).bodyText()
			.contains("Shared")
			.contains("https://www.linkedin.com/feed/update/" + URN)
			.contains("Our bread (sourdough) is #1");
	}

	@Test
	void whenLinkedInRefusesThePostThenItsMessageIsShown() {
		Connection linkedIn = connect(ProviderType.LINKEDIN, null, "abc123XYZ", "linkedin-access-token");
		CampaignId campaign = sentCampaign("Fresh bread is back", true);
		this.wiremock.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(422)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"status\":422,\"message\":\"Commentary contains a URL that is not allowed\"}")));

		assertThat(share(linkedIn, campaign, "Read it")).hasStatus(422)
			.bodyText()
			.contains("did not take the post: Commentary contains a URL that is not allowed");
		assertThat(page(linkedIn, campaign)).bodyText().contains("Not shared");
	}

	@Test
	void whenTheTokenIsRefusedThenTriesOnceMoreWithTheRefreshedToken() {
		Connection linkedIn = connect(ProviderType.LINKEDIN, null, "abc123XYZ", "expired-token");
		CampaignId campaign = sentCampaign("Fresh bread is back", true);
		this.wiremock.stubFor(post("/rest/posts").withHeader("Authorization", equalTo("Bearer expired-token"))
			.willReturn(aResponse().withStatus(401)));
		this.wiremock.stubFor(post("/rest/posts").withHeader("Authorization", equalTo("Bearer refreshed-token"))
			.willReturn(aResponse().withStatus(201).withHeader("x-restli-id", URN)));
		this.whenTokenRejected = () -> this.connections.replaceTokens(linkedIn.id(),
				new TokenSet("refreshed-token", null, null, Set.of("w_member_social")));

		assertThat(share(linkedIn, campaign, "Read it")).hasStatus3xxRedirection();
		this.wiremock.verify(2, postRequestedFor(urlEqualTo("/rest/posts")));
	}

	@Test
	void whenTheTokenIsRefusedAgainThenAsksToReconnect() {
		Connection linkedIn = connect(ProviderType.LINKEDIN, null, "abc123XYZ", "revoked-token");
		CampaignId campaign = sentCampaign("Fresh bread is back", true);
		this.wiremock.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(401)));

		assertThat(share(linkedIn, campaign, "Read it")).hasStatus(422).bodyText().contains("Reconnect the account");
		this.wiremock.verify(1, postRequestedFor(urlEqualTo("/rest/posts")));
		assertNoRowHolds("revoked-token");
	}

	@Test
	void whenLinkedInIsBusyThenSaysSoAndPostsNothingBehindTheMarketersBack() {
		Connection linkedIn = connect(ProviderType.LINKEDIN, null, "abc123XYZ", "linkedin-access-token");
		CampaignId campaign = sentCampaign("Fresh bread is back", true);
		this.wiremock
			.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));

		assertThat(share(linkedIn, campaign, "Read it")).hasStatus(422).bodyText().contains("is busy right now");
		this.wiremock.verify(1, postRequestedFor(urlEqualTo("/rest/posts")));
	}

	@Test
	void aDoubleClickPostsOnce() {
		Connection linkedIn = connect(ProviderType.LINKEDIN, null, "abc123XYZ", "linkedin-access-token");
		CampaignId campaign = sentCampaign("Fresh bread is back", true);
		this.wiremock
			.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(201).withHeader("x-restli-id", URN)));

		assertThat(share(linkedIn, campaign, "Read it")).hasStatus3xxRedirection();
		assertThat(share(linkedIn, campaign, "Read it")).hasStatus(422).bodyText().contains("was just shared");
		this.wiremock.verify(1, postRequestedFor(urlEqualTo("/rest/posts")));
	}

	@Test
	void twoSharesAtOnceMakeOnePost() throws Exception {
		Connection linkedIn = connect(ProviderType.LINKEDIN, null, "abc123XYZ", "linkedin-access-token");
		CampaignId campaign = sentCampaign("Fresh bread is back", true);
		this.wiremock.stubFor(post("/rest/posts")
			.willReturn(aResponse().withStatus(201).withHeader("x-restli-id", URN).withFixedDelay(500)));
		WorkspaceMember member = new WorkspaceMember(this.person, this.workspace, "Bakery", Role.OWNER);
		var sent = this.campaigns.findSent(this.workspace, campaign).orElseThrow();
		Callable<Boolean> click = () -> {
			try {
				this.sharing.share(member, linkedIn, sent, "Read it");
				return true;
			}
			catch (ShareRefused ex) {
				return false;
			}
		};
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<Boolean>> clicks = new ArrayList<>(pool.invokeAll(List.of(click, click)));
		pool.shutdown();

		assertThat(clicks.stream().filter(this::succeeded).count()).isEqualTo(1);
		this.wiremock.verify(1, postRequestedFor(urlEqualTo("/rest/posts")));
	}

	@Test
	void withoutTheAccountsIdAsksLinkedInsUserinfoWhoItIs() {
		Connection linkedIn = connect(ProviderType.LINKEDIN, null, null, "linkedin-access-token");
		CampaignId campaign = sentCampaign("Fresh bread is back", true);
		this.wiremock.stubFor(get("/v2/userinfo").willReturn(okJson("{\"sub\":\"fromUserinfo42\",\"name\":\"Ada\"}")));
		this.wiremock
			.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(201).withHeader("x-restli-id", URN)));

		assertThat(share(linkedIn, campaign, "Read it")).hasStatus3xxRedirection();
		this.wiremock.verify(postRequestedFor(urlEqualTo("/rest/posts"))
			.withRequestBody(equalToJson("{\"author\":\"urn:li:person:fromUserinfo42\"}", true, true)));
	}

	@Test
	void aCampaignWithoutAPublicArchivePageIsNotShared() {
		Connection linkedIn = connect(ProviderType.LINKEDIN, null, "abc123XYZ", "linkedin-access-token");
		CampaignId campaign = sentCampaign("Members only", false);

		assertThat(page(linkedIn, campaign)).bodyText().contains("archive page is not public");
		assertThat(share(linkedIn, campaign, "Read it")).hasStatus(422).bodyText().contains("no public archive page");
		this.wiremock.verify(0, postRequestedFor(urlEqualTo("/rest/posts")));
	}

	@Test
	void anotherWorkspacesConnectionOrOneThatCannotShareIsNotFound() {
		Connection analytics = connect(ProviderType.CUSTOM, base() + "/events", "x", "token");
		Connection linkedIn = connect(ProviderType.LINKEDIN, null, "abc123XYZ", "linkedin-access-token");
		CampaignId campaign = sentCampaign("Fresh bread is back", true);
		var stranger = new dev.mailgate.support.OAuthFlows(this.mvc).newPerson(uniqueEmail());

		assertThat(this.mvc.get().uri("/integrations/connections/" + analytics.id() + "/share").session(this.session))
			.hasStatus(404);
		assertThat(this.mvc.get().uri("/integrations/connections/" + linkedIn.id() + "/share").session(stranger))
			.hasStatus(404);
		assertThat(this.mvc.post()
			.uri("/integrations/connections/" + linkedIn.id() + "/share")
			.session(stranger)
			.with(csrf())
			.param("campaign", campaign.toString())
			.param("commentary", "Not mine")).hasStatus(404);
		assertThat(this.mvc.get().uri("/integrations/connections/not-an-id/share").session(this.session))
			.hasStatus(404);
	}

	@Test
	void theCampaignsShareLinkLeadsToTheOnlySocialAccount() {
		Connection linkedIn = connect(ProviderType.LINKEDIN, null, "abc123XYZ", "linkedin-access-token");
		CampaignId campaign = sentCampaign("Fresh bread is back", true);

		assertThat(this.mvc.get().uri("/integrations/share?campaign=" + campaign).session(this.session))
			.hasRedirectedUrl("/integrations/connections/" + linkedIn.id() + "/share?campaign=" + campaign);
		assertThat(page(linkedIn, campaign)).bodyText()
			.contains("Fresh bread is back")
			.contains(ISSUER + "/archive/" + slug(campaign));
	}

	@Test
	void anAccountThatNeedsReconnectingSaysSoBeforeSharing() {
		Connection linkedIn = connect(ProviderType.LINKEDIN, null, "abc123XYZ", "linkedin-access-token");
		CampaignId campaign = sentCampaign("Fresh bread is back", true);
		this.connections.markReconnectNeeded(linkedIn.id(), "invalid_grant");

		assertThat(page(linkedIn, campaign)).bodyText().contains("Reconnect it on the Integrations page");
		assertThat(share(linkedIn, campaign, "Read it")).hasStatus(422).bodyText().contains("Reconnect the account");
		this.wiremock.verify(0, postRequestedFor(urlEqualTo("/rest/posts")));
	}

	@Test
	void withoutASocialAccountTheShareLinkSaysToConnectOne() {
		connect(ProviderType.CUSTOM, base() + "/events", "x", "token");
		CampaignId campaign = sentCampaign("Fresh bread is back", true);

		assertThat(this.mvc.get().uri("/integrations/share?campaign=" + campaign).session(this.session)).hasStatusOk()
			.bodyText()
			.contains("first connect a social account");
	}

	private MvcTestResult share(Connection connection, CampaignId campaign, String commentary) {
		return this.mvc.post()
			.uri("/integrations/connections/" + connection.id() + "/share")
			.session(this.session)
			.with(csrf())
			.param("campaign", campaign.toString())
			.param("commentary", commentary)
			.exchange();
	}

	private MvcTestResult page(Connection connection, CampaignId campaign) {
		return this.mvc.get()
			.uri("/integrations/connections/" + connection.id() + "/share?campaign=" + campaign)
			.session(this.session)
			.exchange();
	}

	private boolean succeeded(Future<Boolean> click) {
		try {
			return click.get();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

}
