package dev.mailgate.campaigns.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.contacts.ContactId;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.platform.SmtpSettings;
import org.junit.jupiter.api.Test;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Campaigns delivered to a real SMTP server (GreenMail): every recipient once, with their
 * merge fields, RFC 8058 headers and signed tracking links; at most once across a crash;
 * refusals recorded as bounces; schedules and cancels.
 */
class CampaignDeliveryIntegrationTests extends CampaignTestSupport {

	static final String HTML = """
			<html><body><p>Hi {{first_name|there}} at {{company|your company}}!</p>
			<p><a href="https://bakery.example/offer?loaf=rye&amp;size=large">Our offer</a>
			<a href="mailto:orders@bakery.example">Write to us</a> <a href="#top">Top</a></p></body></html>""";

	static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

	static final Pattern PIXEL = Pattern.compile("<img src=\"([^\"]*/t/o/[^\"]*)\"");

	@Test
	void aCampaignToAThousandContactsArrivesOnceEachWithMergeFieldsAndHeaders() throws Exception {
		this.throttle.rate(0);
		ContactList list = audience(1_000);
		Campaign campaign = draft(list, HTML);

		this.sending.sendNow(this.workspace, campaign.id());
		await("the campaign is sent", Duration.ofSeconds(90),
				() -> reload(campaign.id()).status() == CampaignStatus.SENT);

		List<MimeMessage> inbox = inbox();
		assertThat(inbox).hasSize(1_000);
		assertThat(inbox.stream().map(CampaignTestSupport::to).distinct()).hasSize(1_000);
		assertThat(reload(campaign.id()).recipients()).isEqualTo(1_000);
		assertThat(counts(campaign.id())).containsExactly(Map.entry("SENT", 1_000));
		for (MimeMessage message : inbox) {
			assertMessage(campaign.id(), message);
		}
	}

	private void assertMessage(CampaignId campaign, MimeMessage message) throws MessagingException, IOException {
		String to = to(message);
		int i = Integer.parseInt(to.substring(1, to.indexOf('@')));
		ContactId contact = this.contacts.findByEmail(this.workspace, to).orElseThrow().id();
		assertThat(message.getHeader("From")[0]).isEqualTo("Bakery Newsletter <news@bakery.example>");
		assertThat(message.getSubject()).isEqualTo((i % 2 == 0) ? "News for Reader" + i : "News for friend");
		assertThat(message.getHeader("Message-ID")[0]).startsWith("<" + campaign + ".");
		// RFC 8058 §3.1: a List-Unsubscribe URL for a one-click POST, and the
		// List-Unsubscribe-Post header saying so
		String unsubscribe = this.links.unsubscribe(campaign, contact);
		assertThat(message.getHeader("List-Unsubscribe")).containsExactly("<" + unsubscribe + ">");
		assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");

		MimeMultipart alternative = (MimeMultipart) message.getContent();
		assertThat(message.getContentType()).startsWith("multipart/alternative");
		String text = (String) part(alternative, "text/plain").getContent();
		String html = (String) part(alternative, "text/html").getContent();
		String greeting = (i % 2 == 0) ? "Hi Reader" + i + " at Company" + i + "!" : "Hi there at your company!";
		assertThat(html).contains(greeting).contains("This week&#39;s loaves");
		assertThat(text).contains(greeting).contains("Unsubscribe: " + unsubscribe);

		List<String> hrefs = hrefs(html);
		String offer = "https://bakery.example/offer?loaf=rye&size=large";
		String click = hrefs.get(0).replace("&amp;", "&");
		assertThat(click).startsWith(ISSUER + "/t/c/" + campaign + "/" + contact + "/");
		String target = UriComponentsBuilder.fromUri(URI.create(click)).build().getQueryParams().getFirst("u");
		assertThat(java.net.URLDecoder.decode(target, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(offer);
		assertThat(this.links.verify(TrackingLinks.CLICK, campaign, contact, offer, segment(click, 5))).isTrue();
		assertThat(hrefs).contains("mailto:orders@bakery.example", "#top", unsubscribe);

		Matcher pixel = PIXEL.matcher(html);
		assertThat(pixel.find()).as("the open pixel").isTrue();
		assertThat(html.indexOf(pixel.group())).isLessThan(html.indexOf("</body>"));
		assertThat(this.links.verify(TrackingLinks.OPEN, campaign, contact, "", segment(pixel.group(1), 5))).isTrue();
	}

	@Test
	void aRestartInTheMiddleOfASendEmailsNobodyTwice() {
		this.throttle.rate(0);
		ContactList list = audience(300);
		Campaign campaign = draft(list, HTML);
		// one connection, so that the crash comes at a known point
		Delivery.Parts parts = this.deliveries.parts().with(this.deliveries.parts().properties().oneConnection());
		// the send starts without this node's job: the test runs the jobs itself
		assertThat(new SendStart(this.campaigns, parts.recipients(), this.contacts, parts.clock()).begin(campaign,
				Set.of(CampaignStatus.DRAFT)))
			.isTrue();

		// the first job dies after 120 messages, as a process would: mid-batch, with the
		// batch's recipients claimed and 20 of them already handed to SMTP
		AtomicInteger handed = new AtomicInteger();
		Smtp crashing = new SmtpWrapper(parts.smtp(), () -> {
			if (handed.incrementAndGet() > 120) {
				throw new Crash();
			}
		});
		assertThatThrownBy(() -> new Delivery(parts.with(crashing)).run(campaign.id())).isInstanceOf(Crash.class);
		assertThat(counts(campaign.id())).containsEntry("SENT", 100).containsEntry("CLAIMED", 50);
		assertThat(inbox()).hasSize(120);

		new Delivery(parts).resume(campaign.id());

		List<MimeMessage> inbox = inbox();
		Map<String, Integer> received = new HashMap<>();
		inbox.forEach((message) -> received.merge(to(message), 1, Integer::sum));
		assertThat(received.values()).as("messages per address").allMatch((n) -> n == 1);
		assertThat(inbox).hasSize(270);
		assertThat(counts(campaign.id())).containsExactly(Map.entry("FAILED", 50), Map.entry("SENT", 250));
		assertThat(this.jdbc.sql(
				"select error from campaigns_recipients where campaign_id = ? and status = 'FAILED' fetch first 1 rows only")
			.param(campaign.id().value())
			.query(String.class)
			.single()).startsWith("interrupted");
		List<String> sentTo = this.jdbc
			.sql("select email from campaigns_recipients where campaign_id = ? and status = 'SENT'")
			.param(campaign.id().value())
			.query(String.class)
			.list();
		assertThat(received.keySet()).containsAll(sentTo);
		assertThat(reload(campaign.id()).status()).isEqualTo(CampaignStatus.SENT);
	}

	@Test
	void anSmtpRejectionOfAnAddressIsRecordedAsABounce() {
		this.throttle.rate(0);
		ContactList list = audience(5);
		Campaign campaign = draft(list, HTML);
		Delivery.Parts parts = this.deliveries.parts();
		new SendStart(this.campaigns, parts.recipients(), this.contacts, parts.clock()).begin(campaign,
				Set.of(CampaignStatus.DRAFT));

		try (RefusingSmtpServer server = new RefusingSmtpServer(address(3))) {
			Smtp refusing = new JavaMailSmtp(
					new SmtpSettings("127.0.0.1", server.port(), null, null, false, "Mailgate <no-reply@localhost>"));
			new Delivery(parts.with(refusing)).run(campaign.id());
			assertThat(server.delivered).containsExactlyInAnyOrder(address(0), address(1), address(2), address(4));
		}

		assertThat(counts(campaign.id())).containsExactly(Map.entry("BOUNCED", 1), Map.entry("SENT", 4));
		assertThat(this.jdbc.sql("select error from campaigns_recipients where campaign_id = ? and status = 'BOUNCED'")
			.param(campaign.id().value())
			.query(String.class)
			.single()).isEqualTo(RefusingSmtpServer.REPLY);
		assertThat(this.jdbc.sql("select kind, count(*) from campaigns_events where campaign_id = ? group by kind")
			.param(campaign.id().value())
			.query((rs, row) -> rs.getString(1) + "=" + rs.getInt(2))
			.list()).containsExactlyInAnyOrder("sent=4", "bounced=1");
		assertThat(reload(campaign.id()).status()).isEqualTo(CampaignStatus.SENT);
	}

	@Test
	void aScheduledCampaignStartsAtItsTime() {
		this.throttle.rate(0);
		ContactList list = audience(3);
		Campaign campaign = draft(list, HTML);
		Instant at = Instant.now().plusSeconds(2);

		this.sending.schedule(this.workspace, campaign.id(), at);
		assertThat(reload(campaign.id()).status()).isEqualTo(CampaignStatus.SCHEDULED);
		await("the campaign is sent", Duration.ofSeconds(30),
				() -> reload(campaign.id()).status() == CampaignStatus.SENT);

		Campaign sent = reload(campaign.id());
		assertThat(sent.startedAt()).isAfterOrEqualTo(at);
		assertThat(inbox()).hasSize(3);
	}

	@Test
	void cancellingASendStopsItAfterTheBatchInFlight() {
		this.throttle.rate(40);
		ContactList list = audience(800);
		Campaign campaign = draft(list, HTML);

		this.sending.sendNow(this.workspace, campaign.id());
		await("some messages are sent", Duration.ofSeconds(30), () -> counts(campaign.id()).containsKey("SENT"));
		this.sending.cancel(this.workspace, campaign.id());
		await("the job stops", Duration.ofSeconds(30), () -> !this.deliveries.running(campaign.id()));

		Map<String, Integer> counts = counts(campaign.id());
		assertThat(reload(campaign.id()).status()).isEqualTo(CampaignStatus.CANCELLED);
		// each of the campaign's connections finishes the batch it holds (4 × 50)
		assertThat(counts.get("QUEUED")).as("never sent").isGreaterThan(300);
		assertThat(counts).doesNotContainKey("CLAIMED");
		assertThat(inbox()).hasSize(counts.get("SENT"));
	}

	private static BodyPart part(MimeMultipart multipart, String type) throws MessagingException {
		for (int i = 0; i < multipart.getCount(); i++) {
			if (multipart.getBodyPart(i).isMimeType(type)) {
				return multipart.getBodyPart(i);
			}
		}
		throw new AssertionError("No " + type + " part");
	}

	private static List<String> hrefs(String html) {
		return HREF.matcher(html).results().map((match) -> match.group(1)).toList();
	}

	/**
	 * The path segment at {@code index} of a URL
	 * ({@code /t/c/{campaign}/{contact}/{sig}}: the signature is 5).
	 */
	private static String segment(String url, int index) {
		return URI.create(url).getPath().split("/")[index];
	}

	static final class Crash extends Error {

		Crash() {
			super("the process died");
		}

	}

	/**
	 * The real SMTP server, with something happening before each message.
	 */
	record SmtpWrapper(Smtp smtp, Runnable beforeEach) implements Smtp {

		@Override
		public boolean configured() {
			return true;
		}

		@Override
		public Session session() {
			return this.smtp.session();
		}

		@Override
		public Connection connect() throws MessagingException {
			Connection connection = this.smtp.connect();
			return new Connection() {

				@Override
				public void send(MimeMessage message) throws MessagingException {
					SmtpWrapper.this.beforeEach.run();
					connection.send(message);
				}

				@Override
				public void close() {
					connection.close();
				}

			};
		}

	}

}
