package dev.mailgate.campaigns.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The workspace of a campaign that tracking and unsubscribe links name, cached: a
 * campaign never moves to another workspace, so the tracking hot path reads it once per
 * node and then only inserts.
 */
@Component
class TrackingCampaigns {

	private final JdbcClient jdbc;

	private final Cache<CampaignId, WorkspaceId> workspaces = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterAccess(Duration.ofHours(1))
		.build();

	TrackingCampaigns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The campaign's workspace, if the campaign exists (it may have been deleted since
	 * its messages went out).
	 */
	Optional<WorkspaceId> workspaceOf(CampaignId campaign) {
		WorkspaceId cached = this.workspaces.getIfPresent(campaign);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<WorkspaceId> found = this.jdbc.sql("select workspace_id from campaigns_campaigns where id = ?")
			.param(campaign.value())
			.query(UUID.class)
			.optional()
			.map(WorkspaceId::new);
		found.ifPresent((workspace) -> this.workspaces.put(campaign, workspace));
		return found;
	}

}
