package dev.mailgate.integrations.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.mailgate.accounts.UserId;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

/**
 * A campaign shared (or being shared, or not shared) to a social account.
 *
 * @param status {@code SHARING}, {@code SHARED} or {@code FAILED}
 * @param postId the provider's id of the post (LinkedIn's {@code urn:li:share:…})
 * @param error the provider's message, for the person
 */
record Share(UUID id, ConnectionId connection, CampaignId campaign, String commentary, String status,
		@Nullable String postId, @Nullable String postUrl, @Nullable String error, UserId sharedBy, Instant createdAt,
		@Nullable Instant finishedAt) {

	static final String COLUMNS = "id, connection_id, campaign_id, commentary, status, post_id, post_url, error, "
			+ "shared_by, created_at, finished_at";

	boolean shared() {
		return this.status.equals("SHARED");
	}

	boolean failed() {
		return this.status.equals("FAILED");
	}

	static Share map(ResultSet rs, int row) throws SQLException {
		return new Share(rs.getObject("id", UUID.class), new ConnectionId(rs.getObject("connection_id", UUID.class)),
				new CampaignId(rs.getObject("campaign_id", UUID.class)), rs.getString("commentary"),
				rs.getString("status"), rs.getString("post_id"), rs.getString("post_url"), rs.getString("error"),
				new UserId(rs.getObject("shared_by", UUID.class)),
				Objects.requireNonNull(Timestamps.instant(rs, "created_at")), Timestamps.instant(rs, "finished_at"));
	}

}
