package dev.mailgate.campaigns.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.contacts.ListId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

/**
 * A campaign as stored: its content, its state and when it moved.
 *
 * @param recipients how many people the send was fixed to when it started
 * @param version counts changes; the API's ETag
 */
record Campaign(CampaignId id, WorkspaceId workspace, CampaignContent content, CampaignStatus status,
		@Nullable Instant scheduledAt, @Nullable Instant startedAt, @Nullable Instant sentAt,
		@Nullable Instant cancelledAt, String archiveSlug, int recipients, long version, @Nullable String createdBy,
		Instant createdAt, Instant updatedAt) {

	static Campaign map(ResultSet rs, int row) throws SQLException {
		UUID list = rs.getObject("target_list_id", UUID.class);
		CampaignContent content = new CampaignContent(rs.getString("name"), rs.getString("subject"),
				rs.getString("preheader"), rs.getString("from_name"), rs.getString("from_email"),
				rs.getString("reply_to"), rs.getString("html_body"), rs.getString("text_body"),
				(list != null) ? new ListId(list) : null, rs.getString("target_tag"), rs.getBoolean("archive_public"));
		return new Campaign(new CampaignId(rs.getObject("id", UUID.class)),
				new WorkspaceId(rs.getObject("workspace_id", UUID.class)), content,
				CampaignStatus.valueOf(rs.getString("status")), Timestamps.instant(rs, "scheduled_at"),
				Timestamps.instant(rs, "started_at"), Timestamps.instant(rs, "sent_at"),
				Timestamps.instant(rs, "cancelled_at"), rs.getString("archive_slug"), rs.getInt("recipients"),
				rs.getLong("version"), rs.getString("created_by"),
				Objects.requireNonNull(Timestamps.instant(rs, "created_at")),
				Objects.requireNonNull(Timestamps.instant(rs, "updated_at")));
	}

	/**
	 * The strong entity tag of this version (RFC 9110 §8.8.3).
	 */
	String etag() {
		return "\"" + this.version + "\"";
	}

	/**
	 * @throws IllegalTransition unless this campaign is a draft
	 */
	void requireDraft(String step) {
		if (this.status != CampaignStatus.DRAFT) {
			throw new IllegalTransition(
					"Campaign %s is %s: only drafts can be %s".formatted(this.id, this.status.value(), step));
		}
	}

	/**
	 * @throws IllegalTransition when this campaign's state may not become {@code next}
	 */
	void requireCanBecome(CampaignStatus next, String step) {
		if (!this.status.canBecome(next)) {
			throw new IllegalTransition(
					"Campaign %s is %s: it cannot be %s".formatted(this.id, this.status.value(), step));
		}
	}

}
