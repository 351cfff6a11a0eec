package dev.mailgate.campaigns.internal;

import java.net.http.HttpResponse;

import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.contacts.Contact;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open pixel and tracked clicks, requested over HTTPS as a mail app requests them:
 * without signing in, without cookies.
 */
class TrackingIntegrationTests extends EngagementTestSupport {

	static final String TARGET = "https://shop.example.com/bread?size=large&colour=brown+white&q=%C3%A9t%C3%A9#menu";

	@Test
	void clickThroughTrackedLinkRecordsOneClickAndLandsOnTheOriginalUrl() throws Exception {
		CampaignId campaign = sentCampaign();
		Contact ada = contact(uniqueEmail(), "Ada");
		recipient(campaign, ada);

		HttpResponse<String> click = get(this.links.click(campaign, ada.id(), TARGET));

		assertThat(click.statusCode()).isEqualTo(302);
		assertThat(click.headers().firstValue("Location")).hasValue(TARGET);
		assertThat(click.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
		assertThat(events(campaign, "clicked")).isEqualTo(1);
		assertThat(this.jdbc.sql("select url from campaigns_events where campaign_id = ? and kind = 'clicked'")
			.param(campaign.value())
			.query(String.class)
			.single()).isEqualTo(TARGET);
	}

	@Test
	void alteredTargetAnswers404AndRecordsNothing() throws Exception {
		CampaignId campaign = sentCampaign();
		Contact ada = contact(uniqueEmail(), "Ada");
		String link = this.links.click(campaign, ada.id(), "https://shop.example.com/bread");

		HttpResponse<String> altered = get(link.replace("shop.example.com", "evil.example.net"));
		HttpResponse<String> appended = get(link + "%3Fnext%3Dhttps%3A%2F%2Fevil.example.net");
		HttpResponse<String> missing = get(link.substring(0, link.indexOf('?')));

		assertThat(altered.statusCode()).isEqualTo(404);
		assertThat(altered.headers().firstValue("Location")).isEmpty();
		assertThat(appended.statusCode()).isEqualTo(404);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(events(campaign, "clicked")).isZero();
	}

	@Test
	void alteredSignatureOrIdsAnswer404AndRecordNothing() throws Exception {
		CampaignId campaign = sentCampaign();
		Contact ada = contact(uniqueEmail(), "Ada");
		Contact bob = contact(uniqueEmail(), "Bob");
		String link = this.links.click(campaign, ada.id(), "https://shop.example.com/bread");
		String path = link.substring(0, link.indexOf('?'));
		String signature = path.substring(path.lastIndexOf('/') + 1);
		String forged = link.replace(signature, ((signature.charAt(0) == 'A') ? "B" : "A") + signature.substring(1));

		assertThat(get(forged).statusCode()).isEqualTo(404);
		assertThat(get(link.replace(ada.id().toString(), bob.id().toString())).statusCode()).isEqualTo(404);
		assertThat(get(this.links.openPixel(campaign, ada.id()).replace(ada.id().toString(), bob.id().toString()))
			.statusCode()).isEqualTo(404);
		assertThat(get(link.replace(campaign.toString(), "not-a-campaign")).statusCode()).isEqualTo(404);
		assertThat(events(campaign, "clicked") + events(campaign, "opened")).isZero();
	}

	@Test
	void signedLinkToSomethingElseThanTheWebAnswers404() throws Exception {
		CampaignId campaign = sentCampaign();
		Contact ada = contact(uniqueEmail(), "Ada");

		HttpResponse<String> script = get(this.links.click(campaign, ada.id(), "javascript:alert(1)"));

		assertThat(script.statusCode()).isEqualTo(404);
		assertThat(events(campaign, "clicked")).isZero();
	}

	@Test
	void pixelRecordsAnOpenAndIsNeverCached() throws Exception {
		CampaignId campaign = sentCampaign();
		Contact ada = contact(uniqueEmail(), "Ada");
		recipient(campaign, ada);

		HttpResponse<String> pixel = get(this.links.openPixel(campaign, ada.id()));

		assertThat(pixel.statusCode()).isEqualTo(200);
		assertThat(pixel.headers().firstValue("Content-Type")).hasValue("image/gif");
		assertThat(pixel.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(pixel.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(pixel.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(events(campaign, "opened")).isEqualTo(1);
		assertThat(this.jdbc.sql("select user_agent from campaigns_events where campaign_id = ? and kind = 'opened'")
			.param(campaign.value())
			.query(String.class)
			.single()).isEqualTo("Mail/16.0");
	}

}
