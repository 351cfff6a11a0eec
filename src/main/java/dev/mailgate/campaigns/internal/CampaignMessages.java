package dev.mailgate.campaigns.internal;

import java.io.UnsupportedEncodingException;
import java.util.Locale;
import java.util.UUID;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactId;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Builds a campaign's message for one recipient: merge tags filled in, the text part
 * derived from the HTML when there is none, a unique {@code Message-ID}, RFC 8058's
 * one-click unsubscribe headers, the visible unsubscribe link (unless the template places
 * {@code {{unsubscribe_url}}} itself), and, for real sends, the open pixel and tracked
 * links.
 */
@Component
class CampaignMessages {

	/**
	 * The contact that test sends and previews are signed for: no one, so following their
	 * links records nothing and unsubscribes nobody.
	 */
	static final ContactId NOBODY = new ContactId(new UUID(0, 0));

	private final TrackingLinks links;

	CampaignMessages(TrackingLinks links) {
		this.links = links;
	}

	/**
	 * The message a recipient of a send gets, tracked.
	 */
	Built tracked(Session session, Campaign campaign, Contact contact, String to) throws MessagingException {
		CampaignId id = campaign.id();
		MergeValues values = MergeValues.of(contact, this.links.unsubscribe(id, contact.id()));
		Rendered rendered = render(campaign.content(), values, (url) -> this.links.click(id, contact.id(), url),
				this.links.openPixel(id, contact.id()));
		return build(session, campaign, to, rendered, values.unsubscribeUrl());
	}

	/**
	 * A test send: the subject starts with "[Test]", links go straight to where they
	 * point and nothing is tracked.
	 */
	Built test(Session session, Campaign campaign, String to, @Nullable Contact contact) throws MessagingException {
		MergeValues values = values(campaign, to, contact);
		Rendered rendered = render(campaign.content(), values, null, null);
		Rendered test = new Rendered("[Test] " + rendered.subject(), rendered.html(), rendered.text());
		return build(session, campaign, to, test, values.unsubscribeUrl());
	}

	/**
	 * What the editor's preview shows: the HTML as a sample contact gets it, untracked.
	 */
	String preview(Campaign campaign, String email, @Nullable Contact contact) {
		return render(campaign.content(), values(campaign, email, contact), null, null).html();
	}

	private MergeValues values(Campaign campaign, String email, @Nullable Contact contact) {
		String unsubscribe = this.links.unsubscribe(campaign.id(), NOBODY);
		return (contact != null) ? MergeValues.of(contact, unsubscribe) : MergeValues.sample(email, unsubscribe);
	}

	static Rendered render(CampaignContent content, MergeValues values,
			java.util.function.@Nullable UnaryOperator<String> click, @Nullable String pixel) {
		String unsubscribe = values.unsubscribeUrl();
		String html = MergeTags.render(content.htmlBody(), values::get, true);
		String text = MergeTags.render(content.textOrDerived(), values::get, false);
		if (!MergeTags.names(content.htmlBody()).contains(MergeValues.UNSUBSCRIBE_URL)) {
			html = TrackedHtml.beforeBodyEnd(html, TrackedHtml.unsubscribeFooter(unsubscribe));
		}
		if (!MergeTags.names(content.textOrDerived()).contains(MergeValues.UNSUBSCRIBE_URL)) {
			text = text + "\n\n--\nUnsubscribe: " + unsubscribe + "\n";
		}
		if (click != null) {
			html = TrackedHtml.rewriteLinks(html, unsubscribe, click);
		}
		if (pixel != null) {
			html = TrackedHtml.beforeBodyEnd(html, TrackedHtml.pixel(pixel));
		}
		html = TrackedHtml.withPreheader(html, MergeTags.render(content.preheader(), values::get, false));
		return new Rendered(MergeTags.render(content.subject(), values::get, false), html, text);
	}

	private static Built build(Session session, Campaign campaign, String to, Rendered rendered, String unsubscribe)
			throws MessagingException {
		CampaignContent content = campaign.content();
		MimeMessage message = new MimeMessage(session);
		message.setFrom(address(content.fromEmail(), content.fromName()));
		message.setReplyTo(new InternetAddress[] {
				address((content.replyTo() != null) ? content.replyTo() : content.fromEmail(), null) });
		message.setRecipient(RecipientType.TO, new InternetAddress(to));
		message.setSubject(rendered.subject().replaceAll("[\\r\\n]+", " "), "UTF-8");
		// RFC 2369 and RFC 8058 §3.1: a one-click POST to this URL unsubscribes
		message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
		message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		MimeMultipart alternative = new MimeMultipart("alternative");
		MimeBodyPart text = new MimeBodyPart();
		text.setText(rendered.text(), "UTF-8", "plain");
		MimeBodyPart html = new MimeBodyPart();
		html.setText(rendered.html(), "UTF-8", "html");
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		message.setContent(alternative);
		String messageId = "<" + campaign.id() + "." + UUID.randomUUID() + "@" + domain(content.fromEmail()) + ">";
		// saveChanges() makes a Message-ID of its own: ours goes on after it
		message.saveChanges();
		message.setHeader("Message-ID", messageId);
		return new Built(message, messageId);
	}

	private static InternetAddress address(String email, @Nullable String name) throws MessagingException {
		try {
			return (name == null || name.isBlank()) ? new InternetAddress(email)
					: new InternetAddress(email, name, "UTF-8");
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String domain(String email) {
		int at = email.lastIndexOf('@');
		return (at < 0) ? "mailgate.invalid" : email.substring(at + 1).toLowerCase(Locale.ROOT);
	}

	/**
	 * A recipient's subject, HTML and text, merge tags filled in.
	 */
	record Rendered(String subject, String html, String text) {
	}

	/**
	 * A message ready for SMTP, and its {@code Message-ID}.
	 */
	record Built(MimeMessage message, String messageId) {
	}

}
