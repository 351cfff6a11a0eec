package dev.mailgate.campaigns.internal;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.platform.DatabaseOutage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs this node's send jobs, one thread per sending campaign, and on start resumes the
 * campaigns that were sending when the node stopped.
 */
@Component
class Deliveries implements DisposableBean {

	private static final Log log = LogFactory.getLog(Deliveries.class);

	private final Delivery.Parts parts;

	private final Set<CampaignId> running = ConcurrentHashMap.newKeySet();

	private final ExecutorService jobs = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "campaign-delivery");
		thread.setDaemon(true);
		return thread;
	});

	Deliveries(JdbcCampaigns campaigns, JdbcRecipients recipients, Contacts contacts, CampaignMessages messages,
			Smtp smtp, Throttle throttle, Engagements engagements, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock, CampaignsProperties properties,
			@Value("${mailgate.issuer:https://localhost:8443}") String issuer) {
		this.parts = new Delivery.Parts(campaigns, recipients, contacts, messages, smtp, throttle, engagements, events,
				transactions, clock, properties, issuer.replaceAll("/+$", ""));
	}

	/**
	 * What a send job works with.
	 */
	Delivery.Parts parts() {
		return this.parts;
	}

	/**
	 * Starts the send job of a campaign that has just become {@code SENDING}.
	 */
	void start(CampaignId campaign) {
		submit(campaign, false);
	}

	/**
	 * Whether this node's send job of the campaign is running.
	 */
	boolean running(CampaignId campaign) {
		return this.running.contains(campaign);
	}

	@EventListener
	void on(ApplicationReadyEvent ready) {
		this.parts.campaigns().sending().forEach((campaign) -> submit(campaign, true));
	}

	private void submit(CampaignId campaign, boolean resume) {
		if (!this.running.add(campaign)) {
			return;
		}
		this.jobs.execute(() -> {
			try {
				send(campaign, resume);
			}
			finally {
				this.running.remove(campaign);
			}
		});
	}

	/**
	 * Runs the send job; while the database is away it waits and carries on from where
	 * the queue is (what it had claimed counts as interrupted after the claim timeout, so
	 * nobody is emailed twice).
	 */
	private void send(CampaignId campaign, boolean resume) {
		boolean first = true;
		while (true) {
			try {
				Delivery delivery = new Delivery(this.parts);
				if (resume && first) {
					delivery.resume(campaign);
				}
				else {
					delivery.run(campaign);
				}
				return;
			}
			catch (RuntimeException ex) {
				if (!DatabaseOutage.causedBy(ex)) {
					log.error("Campaign " + campaign + ": the send job stopped; it resumes when Mailgate restarts", ex);
					return;
				}
				if (first) {
					log.warn("Campaign " + campaign + ": the database cannot be reached; the send job carries on once "
							+ "it answers again");
				}
				first = false;
				if (!waitForDatabase()) {
					return;
				}
			}
		}
	}

	private static boolean waitForDatabase() {
		try {
			TimeUnit.SECONDS.sleep(DatabaseOutage.RETRY_AFTER_SECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void destroy() {
		this.jobs.shutdownNow();
	}

}
