package dev.mailgate.integrations.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.accounts.UserId;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Shares in {@code integrations_shares}: the history of each connection's posts.
 */
@Repository
class JdbcShares {

	/**
	 * A share still SHARING after this long was cut short (its node stopped): it no
	 * longer blocks the next one. Longer than the provider's connect and read timeouts.
	 */
	static final Duration IN_PROGRESS = Duration.ofMinutes(2);

	/** The same campaign with the same text again within this time is a double click. */
	static final Duration REPEAT = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	JdbcShares(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Whether a share on the connection is under way, or this very one just succeeded.
	 */
	boolean busy(ConnectionId connection, CampaignId campaign, String commentary, Instant now) {
		return this.jdbc.sql("""
				select count(*) from integrations_shares where connection_id = ? and
				((status = 'SHARING' and created_at > ?)
				or (status = 'SHARED' and campaign_id = ? and commentary = ? and created_at > ?))""")
			.params(connection.value(), Timestamps.utc(now.minus(IN_PROGRESS)), campaign.value(), commentary,
					Timestamps.utc(now.minus(REPEAT)))
			.query(Long.class)
			.single() > 0;
	}

	UUID start(WorkspaceId workspace, ConnectionId connection, CampaignId campaign, String commentary, UserId by,
			Instant now) {
		UUID id = TimeOrderedIds.next(now);
		this.jdbc.sql("""
				insert into integrations_shares (id, workspace_id, connection_id, campaign_id, commentary, status,
				shared_by, created_at) values (?, ?, ?, ?, ?, 'SHARING', ?, ?)""")
			.params(id, workspace.value(), connection.value(), campaign.value(), commentary, by.value(),
					Timestamps.utc(now))
			.update();
		return id;
	}

	void shared(UUID id, String postId, String postUrl, Instant now) {
		finish(id, "SHARED", postId, postUrl, null, now);
	}

	void failed(UUID id, String error, Instant now) {
		finish(id, "FAILED", null, null, (error.length() > 500) ? error.substring(0, 500) : error, now);
	}

	Optional<Share> find(UUID id) {
		return this.jdbc.sql("select " + Share.COLUMNS + " from integrations_shares where id = ?")
			.param(id)
			.query(Share::map)
			.optional();
	}

	/**
	 * The connection's shares, newest first.
	 */
	List<Share> of(ConnectionId connection, int limit) {
		return this.jdbc
			.sql("select " + Share.COLUMNS + " from integrations_shares where connection_id = ? "
					+ "order by created_at desc, id desc limit ?")
			.params(connection.value(), limit)
			.query(Share::map)
			.list();
	}

	private void finish(UUID id, String status, @Nullable String postId, @Nullable String postUrl,
			@Nullable String error, Instant now) {
		this.jdbc.sql("""
				update integrations_shares set status = ?, post_id = ?, post_url = ?, error = ?, finished_at = ?
				where id = ?""").params(status, postId, postUrl, error, Timestamps.utc(now), id).update();
	}

}
