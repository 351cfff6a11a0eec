package dev.mailgate.campaigns.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Campaigns in {@code campaigns_campaigns}. Every change of content and state is a
 * conditional update (on the version, on the current state), so two people, two requests
 * or two nodes cannot both win.
 */
@Repository
class JdbcCampaigns {

	private static final String SELECT = "select * from campaigns_campaigns ";

	private final JdbcClient jdbc;

	JdbcCampaigns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Campaign campaign) {
		CampaignContent content = campaign.content();
		this.jdbc.sql("""
				insert into campaigns_campaigns (id, workspace_id, name, subject, preheader, from_name, from_email,
				    reply_to, html_body, text_body, target_list_id, target_tag, status, archive_public, archive_slug,
				    version, created_by, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(campaign.id().value(), campaign.workspace().value(), content.name(), content.subject(),
					content.preheader(), content.fromName(), content.fromEmail(), content.replyTo(), content.htmlBody(),
					content.textBody(), (content.targetList() != null) ? content.targetList().value() : null,
					content.targetTag(), campaign.status().name(), content.archivePublic(), campaign.archiveSlug(),
					campaign.version(), campaign.createdBy(), Timestamps.utc(campaign.createdAt()),
					Timestamps.utc(campaign.updatedAt()))
			.update();
	}

	Optional<Campaign> find(WorkspaceId workspace, CampaignId id) {
		return this.jdbc.sql(SELECT + "where workspace_id = ? and id = ?")
			.params(workspace.value(), id.value())
			.query(Campaign::map)
			.optional();
	}

	Optional<Campaign> find(CampaignId id) {
		return this.jdbc.sql(SELECT + "where id = ?").param(id.value()).query(Campaign::map).optional();
	}

	/**
	 * Newest first (ids are time-ordered), after the cursor's id.
	 */
	List<Campaign> page(WorkspaceId workspace, @Nullable CampaignStatus status, @Nullable UUID after, int limit) {
		return this.jdbc
			.sql(SELECT + "where workspace_id = :workspace and (cast(:status as varchar) is null or status = :status)"
					+ " and (cast(:after as uuid) is null or id < :after) order by id desc limit :limit")
			.param("workspace", workspace.value())
			.param("status", (status != null) ? status.name() : null)
			.param("after", after)
			.param("limit", limit)
			.query(Campaign::map)
			.list();
	}

	/**
	 * Saves a draft's content if it is still a draft at that version.
	 * @return whether it was
	 */
	boolean updateDraft(Campaign campaign, CampaignContent content, Instant at) {
		return this.jdbc.sql("""
				update campaigns_campaigns set name = ?, subject = ?, preheader = ?, from_name = ?, from_email = ?,
				    reply_to = ?, html_body = ?, text_body = ?, target_list_id = ?, target_tag = ?, archive_public = ?,
				    version = version + 1, updated_at = ?
				where id = ? and status = 'DRAFT' and version = ?""")
			.params(content.name(), content.subject(), content.preheader(), content.fromName(), content.fromEmail(),
					content.replyTo(), content.htmlBody(), content.textBody(),
					(content.targetList() != null) ? content.targetList().value() : null, content.targetTag(),
					content.archivePublic(), Timestamps.utc(at), campaign.id().value(), campaign.version())
			.update() == 1;
	}

	boolean deleteDraft(Campaign campaign) {
		return this.jdbc.sql("delete from campaigns_campaigns where id = ? and status = 'DRAFT' and version = ?")
			.params(campaign.id().value(), campaign.version())
			.update() == 1;
	}

	/**
	 * Moves a campaign from one of {@code from} to {@code to}, setting the timestamp
	 * column that goes with the step ({@code scheduled_at}, {@code started_at},
	 * {@code sent_at} or {@code cancelled_at}); only one caller wins.
	 * @return whether this caller did
	 */
	boolean move(CampaignId id, Set<CampaignStatus> from, CampaignStatus to, @Nullable String column,
			@Nullable Instant value, Instant at) {
		String statuses = from.stream().map((status) -> "'" + status.name() + "'").collect(Collectors.joining(", "));
		String set = (column != null) ? ", " + column + " = :value" : "";
		return this.jdbc
			.sql("update campaigns_campaigns set status = :to, version = version + 1, updated_at = :at" + set
					+ " where id = :id and status in (" + statuses + ")")
			.param("to", to.name())
			.param("at", Timestamps.utc(at))
			.param("value", Timestamps.utc(value))
			.param("id", id.value())
			.update() == 1;
	}

	void recipients(CampaignId id, int recipients) {
		this.jdbc.sql("update campaigns_campaigns set recipients = ? where id = ?")
			.params(recipients, id.value())
			.update();
	}

	/**
	 * Scheduled campaigns whose time has come.
	 */
	List<CampaignId> due(Instant now) {
		return this.jdbc.sql(
				"select id from campaigns_campaigns where status = 'SCHEDULED' and scheduled_at <= ? order by scheduled_at")
			.param(Timestamps.utc(now))
			.query((rs, row) -> new CampaignId(rs.getObject(1, UUID.class)))
			.list();
	}

	List<CampaignId> sending() {
		return this.jdbc.sql("select id from campaigns_campaigns where status = 'SENDING'")
			.query((rs, row) -> new CampaignId(rs.getObject(1, UUID.class)))
			.list();
	}

	/**
	 * How many recipients are in each delivery state, for each campaign.
	 */
	Map<UUID, Counts> counts(List<CampaignId> campaigns) {
		if (campaigns.isEmpty()) {
			return Map.of();
		}
		Map<UUID, Counts> counts = new java.util.HashMap<>();
		this.jdbc
			.sql("select campaign_id, status, count(*) as n from campaigns_recipients where campaign_id in (:ids)"
					+ " group by campaign_id, status")
			.param("ids", campaigns.stream().map(CampaignId::value).toList())
			.query((rs) -> {
				UUID campaign = rs.getObject("campaign_id", UUID.class);
				counts.merge(campaign, Counts.of(rs.getString("status"), rs.getInt("n")), Counts::plus);
			});
		return counts;
	}

	Counts counts(CampaignId campaign) {
		return counts(List.of(campaign)).getOrDefault(campaign.value(), Counts.NONE);
	}

	/**
	 * Recipients by delivery state.
	 */
	record Counts(int queued, int claimed, int sent, int bounced, int failed) {

		static final Counts NONE = new Counts(0, 0, 0, 0, 0);

		static Counts of(String status, int n) {
			return switch (status) {
				case "QUEUED" -> new Counts(n, 0, 0, 0, 0);
				case "CLAIMED" -> new Counts(0, n, 0, 0, 0);
				case "SENT" -> new Counts(0, 0, n, 0, 0);
				case "BOUNCED" -> new Counts(0, 0, 0, n, 0);
				default -> new Counts(0, 0, 0, 0, n);
			};
		}

		Counts plus(Counts other) {
			return new Counts(this.queued + other.queued, this.claimed + other.claimed, this.sent + other.sent,
					this.bounced + other.bounced, this.failed + other.failed);
		}

		public int done() {
			return this.sent + this.bounced + this.failed;
		}

		public int total() {
			return done() + this.queued + this.claimed;
		}

	}

}
