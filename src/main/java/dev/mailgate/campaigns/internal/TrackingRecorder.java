package dev.mailgate.campaigns.internal;

import java.time.Clock;

import dev.mailgate.campaigns.EngagementKind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what a recipient did through a signed link: one insert, in a transaction of its
 * own so that listeners that run after commit (webhooks, integrations) hear of it.
 */
@Component
class TrackingRecorder {

	private static final Log logger = LogFactory.getLog(TrackingRecorder.class);

	private final TrackingCampaigns campaigns;

	private final Engagements engagements;

	private final TransactionTemplate transactions;

	private final Clock clock;

	TrackingRecorder(TrackingCampaigns campaigns, Engagements engagements, PlatformTransactionManager transactions,
			Clock clock) {
		this.campaigns = campaigns;
		this.engagements = engagements;
		this.transactions = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/**
	 * Records the event, unless the campaign is gone.
	 * @param url the click's target, {@code null} for the other kinds
	 */
	void record(EngagementKind kind, TrackingLinks.Ids ids, @Nullable String email, @Nullable String url,
			@Nullable String ip, @Nullable String userAgent) {
		this.campaigns.workspaceOf(ids.campaign()).ifPresent((workspace) -> {
			try {
				this.transactions.executeWithoutResult((status) -> this.engagements.record(kind, workspace,
						ids.campaign(), ids.contact(), email, url, ip, userAgent, this.clock.instant()));
			}
			catch (DataIntegrityViolationException ex) {
				// the campaign was deleted after the cache learnt its workspace
				logger.debug("Not recorded: campaign " + ids.campaign() + " is gone");
			}
		});
	}

}
