package dev.mailgate.campaigns.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignEvents.EngagementRecorded;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.campaigns.Campaigns;
import dev.mailgate.campaigns.EngagementKind;
import dev.mailgate.campaigns.SentCampaign;
import dev.mailgate.contacts.ContactId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other modules read of campaigns: sent campaigns with their archive links (as
 * {@code CampaignSent} announced them) and the engagement feed of {@code /api/v1/events},
 * with its settle window.
 */
@Component
class CampaignReads implements Campaigns {

	private static final String SELECT_SENT = """
			select id, name, subject, archive_public, archive_slug, recipients, sent_at from campaigns_campaigns
			where workspace_id = ? and status = 'SENT'""";

	private final JdbcClient jdbc;

	private final EventsApiFeed feed;

	private final String base;

	CampaignReads(JdbcClient jdbc, EventsApiFeed feed,
			@Value("${mailgate.issuer:https://localhost:8443}") String issuer) {
		this.jdbc = jdbc;
		this.feed = feed;
		this.base = issuer.replaceAll("/+$", "");
	}

	@Override
	public List<SentCampaign> recentlySent(WorkspaceId workspace, int limit) {
		return this.jdbc.sql(SELECT_SENT + " order by sent_at desc, id desc limit ?")
			.params(workspace.value(), Math.max(1, Math.min(limit, 1000)))
			.query(this::sent)
			.list();
	}

	@Override
	public Optional<SentCampaign> findSent(WorkspaceId workspace, CampaignId campaign) {
		return this.jdbc.sql(SELECT_SENT + " and id = ?")
			.params(workspace.value(), campaign.value())
			.query(this::sent)
			.optional();
	}

	@Override
	public List<EngagementRecorded> engagementsAfter(WorkspaceId workspace, @Nullable UUID after, int limit) {
		EventsApiCursor cursor = (after != null) ? new EventsApiCursor(after) : EventsApiCursor.START;
		EventsApiFeed.Filter all = new EventsApiFeed.Filter(null, null, null);
		return this.feed.page(workspace, all, cursor, Math.max(1, Math.min(limit, 1000)))
			.events()
			.stream()
			.map((event) -> recorded(workspace, event))
			.toList();
	}

	private SentCampaign sent(ResultSet rs, int row) throws SQLException {
		String archive = rs.getBoolean("archive_public") ? this.base + "/archive/" + rs.getString("archive_slug")
				: null;
		return new SentCampaign(new CampaignId(rs.getObject("id", UUID.class)), rs.getString("name"),
				rs.getString("subject"), archive, rs.getInt("recipients"),
				Objects.requireNonNull(Timestamps.instant(rs, "sent_at")));
	}

	private static EngagementRecorded recorded(WorkspaceId workspace, EventsApiFeed.Event event) {
		return new EngagementRecorded(event.id(), EngagementKind.of(event.kind()).orElseThrow(),
				new CampaignId(event.campaignId()), workspace,
				(event.contactId() != null) ? new ContactId(event.contactId()) : null, event.email(), event.url(),
				event.at());
	}

}
