package dev.mailgate.campaigns;

import java.time.Instant;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.contacts.ContactId;
import org.jspecify.annotations.Nullable;

/**
 * What happens to campaigns, for webhooks and integrations (analytics, social).
 */
public final class CampaignEvents {

	private CampaignEvents() {
	}

	/**
	 * Every recipient's message was handed to the SMTP server (or refused by it).
	 *
	 * @param archiveUrl the public archive page, when the campaign has one
	 */
	public record CampaignSent(CampaignId campaign, WorkspaceId workspace, String name, String subject,
			@Nullable String archiveUrl, int recipients, Instant at) {
	}

	/**
	 * One engagement event, as stored.
	 *
	 * @param event the event's id (time-ordered), as {@code /api/v1/events} lists it
	 */
	public record EngagementRecorded(UUID event, EngagementKind kind, CampaignId campaign, WorkspaceId workspace,
			@Nullable ContactId contact, @Nullable String email, @Nullable String url, Instant at) {
	}

}
