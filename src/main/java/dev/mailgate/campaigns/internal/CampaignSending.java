package dev.mailgate.campaigns.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.contacts.Contacts;

import org.springframework.stereotype.Component;

/**
 * Sending a campaign: at once, at a time in the future, or a test to one address; and
 * cancelling a schedule or a send (which stops after the batch in flight).
 */
@Component
class CampaignSending {

	private final CampaignDrafts drafts;

	private final JdbcCampaigns campaigns;

	private final CampaignRules rules;

	private final SendStart start;

	private final Deliveries deliveries;

	private final CampaignMessages messages;

	private final Contacts contacts;

	private final Smtp smtp;

	private final Clock clock;

	CampaignSending(CampaignDrafts drafts, JdbcCampaigns campaigns, CampaignRules rules, SendStart start,
			Deliveries deliveries, CampaignMessages messages, Contacts contacts, Smtp smtp, Clock clock) {
		this.drafts = drafts;
		this.campaigns = campaigns;
		this.rules = rules;
		this.start = start;
		this.deliveries = deliveries;
		this.messages = messages;
		this.contacts = contacts;
		this.smtp = smtp;
		this.clock = clock;
	}

	Campaign sendNow(WorkspaceId workspace, CampaignId id) {
		Campaign campaign = this.drafts.find(workspace, id);
		campaign.requireCanBecome(CampaignStatus.SENDING, "sent");
		this.rules.requireSendable(campaign.content(), true);
		requireSmtp();
		if (!this.start.begin(campaign, Set.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED))) {
			throw new IllegalTransition("Campaign %s changed state meanwhile: it is %s".formatted(id,
					this.drafts.find(workspace, id).status().value()));
		}
		this.deliveries.start(id);
		return this.drafts.find(workspace, id);
	}

	/**
	 * Schedules a draft, or moves a scheduled campaign to another time.
	 */
	Campaign schedule(WorkspaceId workspace, CampaignId id, Instant at) {
		Campaign campaign = this.drafts.find(workspace, id);
		if (campaign.status() != CampaignStatus.DRAFT && campaign.status() != CampaignStatus.SCHEDULED) {
			throw new IllegalTransition(
					"Campaign %s is %s: it cannot be scheduled".formatted(id, campaign.status().value()));
		}
		Instant now = this.clock.instant();
		if (!at.isAfter(now)) {
			throw new InvalidCampaign("send_at", "a time in the future");
		}
		this.rules.requireSendable(campaign.content(), true);
		if (!this.campaigns.move(id, Set.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED), CampaignStatus.SCHEDULED,
				"scheduled_at", at, now)) {
			throw new IllegalTransition("Campaign %s changed state meanwhile".formatted(id));
		}
		return this.drafts.find(workspace, id);
	}

	Campaign cancel(WorkspaceId workspace, CampaignId id) {
		Campaign campaign = this.drafts.find(workspace, id);
		campaign.requireCanBecome(CampaignStatus.CANCELLED, "cancelled");
		Instant now = this.clock.instant();
		if (!this.campaigns.move(id, Set.of(CampaignStatus.SCHEDULED, CampaignStatus.SENDING), CampaignStatus.CANCELLED,
				"cancelled_at", now, now)) {
			throw new IllegalTransition("Campaign %s changed state meanwhile: it is %s".formatted(id,
					this.drafts.find(workspace, id).status().value()));
		}
		return this.drafts.find(workspace, id);
	}

	/**
	 * Sends the campaign to one address, with "[Test]" before its subject and the merge
	 * tags of that address's contact (or of a sample person); nothing is tracked or
	 * recorded.
	 * @throws InvalidCampaign naming {@code email} when it is no address, or the SMTP
	 * server refused it
	 */
	void test(WorkspaceId workspace, CampaignId id, String email) {
		Campaign campaign = this.drafts.find(workspace, id);
		String to = EmailAddresses.parse(email)
			.orElseThrow(() -> new InvalidCampaign("email", "not an email address, such as you@example.com"));
		this.rules.requireSendable(campaign.content(), false);
		requireSmtp();
		try (Smtp.Connection connection = this.smtp.connect()) {
			connection.send(this.messages
				.test(this.smtp.session(), campaign, to, this.contacts.findByEmail(workspace, to).orElse(null))
				.message());
		}
		catch (SendFailedException ex) {
			throw new InvalidCampaign("email", "the SMTP server refused this address: " + SmtpReply.of(ex).text());
		}
		catch (MessagingException ex) {
			throw new SmtpUnavailable("The SMTP server could not take the message; try again in a moment");
		}
	}

	private void requireSmtp() {
		if (!this.smtp.configured()) {
			throw new SmtpUnavailable("No SMTP server is configured: set MAILGATE_SMTP_HOST (docs/campaigns.md)");
		}
	}

}
