package dev.mailgate.campaigns.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.SubscriptionStatus;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole of a campaign as a marketer and a reader meet it, with nothing inserted by
 * hand: sent through the API over SMTP (GreenMail), the reader's click on the tracked
 * link in the message they received, the report and the events feed an analytics tool
 * reads, and the one-click unsubscribe of the message's own {@code List-Unsubscribe}
 * header.
 */
class CampaignEndToEndTests extends CampaignTestSupport {

	private static final Pattern TRACKED = Pattern.compile("href=\"([^\"]*/t/c/[^\"]*)\"");

	@Test
	void aSentCampaignsClickAndUnsubscribeShowInTheReportAndTheEventsFeed() throws Exception {
		this.throttle.rate(0);
		ContactList list = audience(3);
		Campaign campaign = draft(list,
				"<html><body><p>Hello {{first_name|friend}}</p><a href=\"https://bakery.example/menu?day=friday\">Menu</a></body></html>");
		String token = token("campaigns.read campaigns.send reports.read");

		assertThat(this.mvc.post()
			.uri("/api/v1/campaigns/{id}/send", campaign.id())
			.header("Authorization", "Bearer " + token)).hasStatus2xxSuccessful();
		await("the campaign is sent", Duration.ofSeconds(30),
				() -> reload(campaign.id()).status() == CampaignStatus.SENT);
		List<MimeMessage> inbox = inbox();
		assertThat(inbox).hasSize(3);

		MimeMessage first = inbox.stream()
			.filter((message) -> to(message).equals(address(0)))
			.findFirst()
			.orElseThrow();
		String html = html(first);
		assertThat(html).contains("Hello Reader0");
		Matcher tracked = TRACKED.matcher(html);
		assertThat(tracked.find()).as("a tracked link in " + html).isTrue();
		String click = tracked.group(1).replace("&amp;", "&").substring(ISSUER.length());

		// the reader clicks: one click recorded, and they land where the marketer linked
		assertThat(this.mvc.get().uri(URI.create(click))).hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.isEqualTo("https://bakery.example/menu?day=friday");

		// RFC 8058 §3.2: the mail provider's one-click POST to the List-Unsubscribe URL
		String unsubscribe = first.getHeader("List-Unsubscribe")[0].replaceAll("^<|>$", "").substring(ISSUER.length());
		assertThat(this.mvc.post()
			.uri(URI.create(unsubscribe))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("List-Unsubscribe=One-Click")).hasStatusOk();
		Contact reader = this.contacts.findByEmail(this.workspace, address(0)).orElseThrow();
		assertThat(reader.status()).isEqualTo(SubscriptionStatus.UNSUBSCRIBED);

		assertThat(this.mvc.get()
			.uri("/api/v1/campaigns/{id}/report", campaign.id())
			.header("Authorization", "Bearer " + token)).hasStatusOk().bodyJson().satisfies((json) -> {
				assertThat(json).extractingPath("$.counts.sent").isEqualTo(3);
				assertThat(json).extractingPath("$.counts.clicks").isEqualTo(1);
				assertThat(json).extractingPath("$.counts.unique_clicks").isEqualTo(1);
				assertThat(json).extractingPath("$.counts.unsubscribed").isEqualTo(1);
				assertThat(json).extractingPath("$.top_links[0].url")
					.isEqualTo("https://bakery.example/menu?day=friday");
			});

		Thread.sleep(2_100); // the feed shows events once they are two seconds old
		assertThat(this.mvc.get()
			.uri("/api/v1/events?campaign_id={id}&limit=100", campaign.id())
			.header("Authorization", "Bearer " + token)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.data[*].kind")
			.asArray()
			.containsExactlyInAnyOrder("sent", "sent", "sent", "clicked", "unsubscribed");
	}

	private static String html(MimeMessage message) throws Exception {
		MimeMultipart alternative = (MimeMultipart) message.getContent();
		for (int i = 0; i < alternative.getCount(); i++) {
			BodyPart part = alternative.getBodyPart(i);
			if (part.isMimeType("text/html")) {
				return (String) part.getContent();
			}
		}
		throw new AssertionError("No HTML part");
	}

}
