package dev.mailgate.campaigns.internal;

import java.time.Clock;
import java.util.Set;

import dev.mailgate.campaigns.CampaignId;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every few seconds ({@code mailgate.campaigns.scheduler-interval}), starts the scheduled
 * campaigns whose time has come. Each node looks; the conditional update in
 * {@link SendStart} lets exactly one of them start each campaign.
 */
@Component
class ScheduledStarts {

	private final JdbcCampaigns campaigns;

	private final SendStart start;

	private final Deliveries deliveries;

	private final Clock clock;

	ScheduledStarts(JdbcCampaigns campaigns, SendStart start, Deliveries deliveries, Clock clock) {
		this.campaigns = campaigns;
		this.start = start;
		this.deliveries = deliveries;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${mailgate.campaigns.scheduler-interval:5s}", initialDelayString = "5s")
	void startDueCampaigns() {
		for (CampaignId id : this.campaigns.due(this.clock.instant())) {
			Campaign campaign = this.campaigns.find(id).orElse(null);
			if (campaign != null && this.start.begin(campaign, Set.of(CampaignStatus.SCHEDULED))) {
				this.deliveries.start(id);
			}
		}
	}

}
