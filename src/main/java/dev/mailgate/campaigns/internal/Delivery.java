package dev.mailgate.campaigns.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;

import dev.mailgate.campaigns.CampaignEvents;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.campaigns.EngagementKind;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.SubscriptionStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The send job of one campaign: claims a small batch of queued recipients (committed
 * before anything is sent), builds their messages, hands them to SMTP over one
 * connection, at the throttle's pace, and writes each outcome. What it guarantees is at
 * most once: a recipient claimed by a job that stopped before writing the outcome is
 * never sent again ({@link #resume}). It stops after the current batch when the campaign
 * is cancelled, and marks it sent when nobody is left.
 */
class Delivery {

	private static final Log log = LogFactory.getLog(Delivery.class);

	private static final String LOST = "connection lost";

	private final Parts parts;

	Delivery(Parts parts) {
		this.parts = parts;
	}

	/**
	 * Continues a send after a restart: the recipients claimed before now are failed as
	 * interrupted (their message may have gone out), then the queue is worked off.
	 */
	void resume(CampaignId id) {
		int interrupted = this.parts.recipients().failInterrupted(id, this.parts.clock().instant());
		if (interrupted > 0) {
			log.warn("Campaign " + id + ": " + interrupted
					+ " recipient(s) were being sent to when the send stopped; they are not sent again");
		}
		run(id);
	}

	/**
	 * Sends to the campaign's queued recipients until none are left or it is cancelled,
	 * over {@code mailgate.campaigns.connections} SMTP connections at once (each batch
	 * over one); returns when every one of them is done.
	 */
	void run(CampaignId id) {
		int connections = Math.max(1, this.parts.properties().connections());
		AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
		List<Thread> others = new ArrayList<>();
		for (int i = 1; i < connections; i++) {
			Thread other = new Thread(() -> {
				try {
					work(id);
				}
				catch (RuntimeException | Error ex) {
					failure.compareAndSet(null, ex);
				}
			}, Thread.currentThread().getName() + "-" + i);
			other.setDaemon(true);
			other.start();
			others.add(other);
		}
		try {
			work(id);
		}
		finally {
			join(others);
		}
		Throwable failed = failure.get();
		if (failed instanceof RuntimeException ex) {
			throw ex;
		}
		if (failed instanceof Error error) {
			throw error;
		}
	}

	private void work(CampaignId id) {
		while (true) {
			Campaign campaign = this.parts.campaigns().find(id).orElse(null);
			if (campaign == null || campaign.status() != CampaignStatus.SENDING) {
				return;
			}
			List<JdbcRecipients.Recipient> batch = this.parts.transactions()
				.execute((status) -> this.parts.recipients()
					.claim(id, this.parts.properties().batchSize(), this.parts.clock().instant()));
			if (batch == null || batch.isEmpty()) {
				// the other connections may still be sending their last batches
				if (finished(campaign) || !pause(Duration.ofMillis(250))) {
					return;
				}
			}
			else if (!send(campaign, batch) && !pause(Duration.ofSeconds(5))) {
				return;
			}
		}
	}

	private static void join(List<Thread> threads) {
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				threads.forEach(Thread::interrupt);
				return;
			}
		}
	}

	/**
	 * @return whether the SMTP server could be reached
	 */
	private boolean send(Campaign campaign, List<JdbcRecipients.Recipient> batch) {
		List<JdbcRecipients.Outcome> outcomes = new ArrayList<>(batch.size());
		List<JdbcRecipients.Recipient> unsent = new ArrayList<>();
		boolean reached = true;
		try (Smtp.Connection connection = this.parts.smtp().connect()) {
			for (int i = 0; i < batch.size(); i++) {
				JdbcRecipients.Outcome outcome = send(campaign, batch.get(i), connection);
				outcomes.add(outcome);
				if (outcome.error() != null && outcome.error().startsWith(LOST)) {
					unsent.addAll(batch.subList(i + 1, batch.size()));
					break;
				}
			}
		}
		catch (MessagingException ex) {
			log.warn("Campaign " + campaign.id() + ": the SMTP server cannot be reached (" + ex.getMessage()
					+ "); trying again in a few seconds");
			unsent.addAll(batch.subList(outcomes.size(), batch.size()));
			reached = false;
		}
		this.parts.transactions().executeWithoutResult((status) -> {
			this.parts.recipients().finish(campaign.id(), outcomes);
			this.parts.recipients().release(campaign.id(), unsent);
			outcomes.forEach((outcome) -> record(campaign, outcome));
		});
		return reached;
	}

	private JdbcRecipients.Outcome send(Campaign campaign, JdbcRecipients.Recipient recipient,
			Smtp.Connection connection) {
		Contact contact = this.parts.contacts().find(campaign.workspace(), recipient.contact()).orElse(null);
		if (contact == null || contact.status() != SubscriptionStatus.SUBSCRIBED) {
			return JdbcRecipients.Outcome.failed(recipient, this.parts.clock().instant(),
					"skipped: the contact was deleted or is no longer subscribed");
		}
		CampaignMessages.Built built;
		try {
			built = this.parts.messages().tracked(this.parts.smtp().session(), campaign, contact, recipient.email());
		}
		catch (MessagingException | RuntimeException ex) {
			return JdbcRecipients.Outcome.failed(recipient, this.parts.clock().instant(),
					"the message could not be built: " + ex.getMessage());
		}
		this.parts.throttle().acquire();
		try {
			connection.send(built.message());
			return JdbcRecipients.Outcome.sent(recipient, this.parts.clock().instant(), built.messageId());
		}
		catch (SendFailedException ex) {
			SmtpReply reply = SmtpReply.of(ex);
			return reply.permanent()
					? JdbcRecipients.Outcome.bounced(recipient, this.parts.clock().instant(), reply.text())
					: JdbcRecipients.Outcome.failed(recipient, this.parts.clock().instant(),
							"refused for now: " + reply.text());
		}
		catch (MessagingException ex) {
			// it may have reached the server before the connection broke: never again
			return JdbcRecipients.Outcome.failed(recipient, this.parts.clock().instant(),
					LOST + ": " + ex.getMessage());
		}
	}

	private void record(Campaign campaign, JdbcRecipients.Outcome outcome) {
		EngagementKind kind = switch (outcome.status()) {
			case "SENT" -> EngagementKind.SENT;
			case "BOUNCED" -> EngagementKind.BOUNCED;
			default -> null;
		};
		if (kind != null) {
			this.parts.engagements()
				.record(kind, campaign.workspace(), campaign.id(), outcome.recipient().contact(),
						outcome.recipient().email(), null, null, null, outcome.at());
		}
	}

	/**
	 * Marks the campaign sent when nobody is left (once, whichever node gets there).
	 */
	private boolean finished(Campaign campaign) {
		Instant now = this.parts.clock().instant();
		this.parts.recipients().failInterrupted(campaign.id(), now.minus(this.parts.properties().claimTimeout()));
		if (this.parts.recipients().anyLeft(campaign.id())) {
			return false;
		}
		if (this.parts.campaigns()
			.move(campaign.id(), java.util.Set.of(CampaignStatus.SENDING), CampaignStatus.SENT, "sent_at", now, now)) {
			String archive = campaign.content().archivePublic()
					? this.parts.issuer() + "/archive/" + campaign.archiveSlug() : null;
			this.parts.events()
				.publishEvent(new CampaignEvents.CampaignSent(campaign.id(), campaign.workspace(),
						campaign.content().name(), campaign.content().subject(), archive, campaign.recipients(), now));
			log.info("Campaign " + campaign.id() + " is sent");
		}
		return true;
	}

	/**
	 * @return {@code false} when the node is shutting down (the send resumes when it
	 * starts again)
	 */
	private static boolean pause(Duration duration) {
		try {
			TimeUnit.MILLISECONDS.sleep(duration.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * What a job works with; tests make a fresh job over the same database, as a restart
	 * would.
	 */
	record Parts(JdbcCampaigns campaigns, JdbcRecipients recipients, Contacts contacts, CampaignMessages messages,
			Smtp smtp, Throttle throttle, Engagements engagements, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock, CampaignsProperties properties, String issuer) {

		Parts with(Smtp other) {
			return new Parts(this.campaigns, this.recipients, this.contacts, this.messages, other, this.throttle,
					this.engagements, this.events, this.transactions, this.clock, this.properties, this.issuer);
		}

		Parts with(CampaignsProperties other) {
			return new Parts(this.campaigns, this.recipients, this.contacts, this.messages, this.smtp, this.throttle,
					this.engagements, this.events, this.transactions, this.clock, other, this.issuer);
		}

	}

}
