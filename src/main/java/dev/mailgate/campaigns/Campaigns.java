package dev.mailgate.campaigns;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignEvents.EngagementRecorded;
import org.jspecify.annotations.Nullable;

/**
 * What other modules may read of a workspace's campaigns: the sent ones (to share them)
 * and the engagement feed (to export it). Another workspace's ids are not found.
 */
public interface Campaigns {

	/**
	 * Sent campaigns, the most recent first.
	 */
	List<SentCampaign> recentlySent(WorkspaceId workspace, int limit);

	Optional<SentCampaign> findSent(WorkspaceId workspace, CampaignId campaign);

	/**
	 * Engagement events in the order of their time-ordered ids, after the one given, as
	 * {@code /api/v1/events} lists them: events younger than a couple of seconds are left
	 * for the next call, so that one read after another misses none.
	 * @param after the last event's id the caller has, or {@code null} for the first
	 * @param limit at most this many (1 to 1000)
	 */
	List<EngagementRecorded> engagementsAfter(WorkspaceId workspace, @Nullable UUID after, int limit);

}
