package dev.mailgate.campaigns;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A campaign that was sent, as integrations show and share it.
 *
 * @param archiveUrl its public archive page
 * @param sentAt when the send ended
 */
public record SentCampaign(CampaignId id, String name, String subject, @Nullable String archiveUrl, int recipients,
		Instant sentAt) {

}
