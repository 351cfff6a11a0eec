package dev.mailgate.campaigns.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code mailgate.campaigns.*} settings.
 *
 * @param sendRate messages handed to SMTP per second on each node, 0 for no limit
 * @param batchSize recipients claimed, built and sent over one SMTP connection at a time
 * @param connections SMTP connections each sending campaign uses at once, each carrying
 * its own batches
 * @param schedulerInterval how often scheduled campaigns are looked for
 * @param claimTimeout how long another node's claimed recipients may stay unfinished
 * before they count as interrupted
 */
@ConfigurationProperties("mailgate.campaigns")
record CampaignsProperties(@DefaultValue("50") double sendRate, @DefaultValue("50") int batchSize,
		@DefaultValue("4") int connections, @DefaultValue("5s") Duration schedulerInterval,
		@DefaultValue("10m") Duration claimTimeout) {

	/**
	 * The same settings with one SMTP connection per campaign.
	 */
	CampaignsProperties oneConnection() {
		return new CampaignsProperties(this.sendRate, this.batchSize, 1, this.schedulerInterval, this.claimTimeout);
	}

}
