package dev.mailgate.campaigns.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unsubscribe link of every message, used without signing in: its page, its button,
 * and RFC 8058's one-click POST from mail providers.
 */
class UnsubscribeIntegrationTests extends EngagementTestSupport {

	@Test
	void oneClickPostUnsubscribesWithoutCookiesOrCsrfTokenRfc8058Section32() throws Exception {
		CampaignId campaign = sentCampaign();
		Contact ada = contact(uniqueEmail(), "Ada");
		recipient(campaign, ada);

		HttpResponse<String> response = oneClick(this.links.unsubscribe(campaign, ada.id()));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("You are unsubscribed");
		Contact after = this.contacts.find(this.workspace, ada.id()).orElseThrow();
		assertThat(after.status()).isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
		assertThat(after.consentSource()).isEqualTo("unsubscribe-link:" + campaign);
		assertThat(events(campaign, "unsubscribed")).isEqualTo(1);
		assertThat(this.jdbc.sql("select email from campaigns_events where campaign_id = ? and kind = 'unsubscribed'")
			.param(campaign.value())
			.query(String.class)
			.single()).isEqualTo(ada.email());
	}

	@Test
	void unsubscribingTwiceRecordsOnce() throws Exception {
		CampaignId campaign = sentCampaign();
		Contact ada = contact(uniqueEmail(), "Ada");
		String link = this.links.unsubscribe(campaign, ada.id());

		assertThat(oneClick(link).statusCode()).isEqualTo(200);
		assertThat(request(HttpRequest.newBuilder(URI.create(link)).POST(HttpRequest.BodyPublishers.noBody()))
			.statusCode()).isEqualTo(200);

		assertThat(events(campaign, "unsubscribed")).isEqualTo(1);
	}

	@Test
	void pageShowsTheMaskedAddressAndAButtonAndChangesNothing() throws Exception {
		CampaignId campaign = sentCampaign();
		Contact ada = contact("ada.lovelace-" + System.nanoTime() + "@example.com", "Ada");

		HttpResponse<String> page = get(this.links.unsubscribe(campaign, ada.id()));

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("a•••@example.com").contains(">Unsubscribe</button>");
		assertThat(page.body()).doesNotContain(ada.email()).doesNotContain("_csrf");
		assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(this.contacts.find(this.workspace, ada.id()).orElseThrow().status())
			.isEqualTo(SubscriptionStatus.SUBSCRIBED);
		assertThat(events(campaign, "unsubscribed")).isZero();
	}

	@Test
	void alteredLinkAnswers404AndChangesNothing() throws Exception {
		CampaignId campaign = sentCampaign();
		Contact ada = contact(uniqueEmail(), "Ada");
		Contact bob = contact(uniqueEmail(), "Bob");
		String adasLink = this.links.unsubscribe(campaign, ada.id());

		HttpResponse<String> forBob = oneClick(adasLink.replace(ada.id().toString(), bob.id().toString()));
		HttpResponse<String> page = get(adasLink.substring(0, adasLink.length() - 3) + "xyz");

		assertThat(forBob.statusCode()).isEqualTo(404);
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(this.contacts.find(this.workspace, bob.id()).orElseThrow().status())
			.isEqualTo(SubscriptionStatus.SUBSCRIBED);
		assertThat(events(campaign, "unsubscribed")).isZero();
	}

	/**
	 * RFC 8058 §3.2: the mail provider POSTs {@code List-Unsubscribe=One-Click} to the
	 * {@code List-Unsubscribe} URL, with no cookies and no token.
	 */
	private HttpResponse<String> oneClick(String link) throws Exception {
		return request(HttpRequest.newBuilder(URI.create(link))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
	}

}
