package dev.mailgate.campaigns.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.campaigns.EngagementKind;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Works a campaign's report out of its engagement events, with a few aggregate queries on
 * the {@code (campaign_id, kind, at)} index.
 */
@Component
class ReportQueries {

	/** The timeline covers at most the first 30 days after sending. */
	static final int MOST_HOURS = 30 * 24;

	static final int TOP_LINKS = 10;

	private final JdbcClient jdbc;

	ReportQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The report of the workspace's campaign; another workspace's campaign is not found.
	 */
	Optional<Report> report(WorkspaceId workspace, CampaignId campaign) {
		return this.jdbc.sql("""
				select id, name, subject, status, sent_at from campaigns_campaigns where id = ? and workspace_id = ?""")
			.params(campaign.value(), workspace.value())
			.query((rs, row) -> new Report.Campaign(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("subject"), rs.getString("status").toLowerCase(Locale.ROOT),
					Timestamps.instant(rs, "sent_at")))
			.optional()
			.map((found) -> Report.of(found, counts(campaign), topLinks(campaign), timeline(campaign, found.sentAt())));
	}

	Report.Counts counts(CampaignId campaign) {
		Map<String, long[]> byKind = new HashMap<>();
		this.jdbc.sql("""
				select kind, count(*) as total, count(distinct contact_id) as recipients
				from campaigns_events where campaign_id = ? group by kind""").param(campaign.value()).query((rs) -> {
			byKind.put(rs.getString("kind"), new long[] { rs.getLong("total"), rs.getLong("recipients") });
		});
		// a message the SMTP server refused may be recorded as bounced only, or as sent
		// and
		// then bounced: either way it was sent once
		long sent = this.jdbc.sql("""
				select count(distinct contact_id) from campaigns_events
				where campaign_id = ? and kind in ('sent', 'bounced')""")
			.param(campaign.value())
			.query(Long.class)
			.single();
		long bounced = recipients(byKind, EngagementKind.BOUNCED);
		return new Report.Counts(sent, Math.max(0, sent - bounced), bounced, total(byKind, EngagementKind.OPENED),
				recipients(byKind, EngagementKind.OPENED), total(byKind, EngagementKind.CLICKED),
				recipients(byKind, EngagementKind.CLICKED), recipients(byKind, EngagementKind.UNSUBSCRIBED),
				recipients(byKind, EngagementKind.COMPLAINED));
	}

	List<Report.TopLink> topLinks(CampaignId campaign) {
		return this.jdbc.sql("""
				select url, count(*) as clicks, count(distinct contact_id) as clickers
				from campaigns_events where campaign_id = ? and kind = 'clicked' and url is not null
				group by url order by clicks desc, clickers desc, url limit ?""")
			.params(campaign.value(), TOP_LINKS)
			.query((rs, row) -> new Report.TopLink(rs.getString("url"), rs.getLong("clicks"), rs.getLong("clickers")))
			.list();
	}

	/**
	 * Opens and clicks in each hour from the hour of sending (or of the first event) to
	 * the hour of the last open or click, hours without any included.
	 */
	List<Report.Hour> timeline(CampaignId campaign, @Nullable Instant sentAt) {
		Map<Long, long[]> byHour = new HashMap<>();
		this.jdbc.sql("""
				select cast(floor(extract(epoch from at) / 3600) as bigint) as hour_index, kind, count(*) as total
				from campaigns_events where campaign_id = ? and kind in ('opened', 'clicked')
				group by cast(floor(extract(epoch from at) / 3600) as bigint), kind""")
			.param(campaign.value())
			.query((rs) -> {
				long[] counts = byHour.computeIfAbsent(rs.getLong("hour_index"), (hour) -> new long[2]);
				counts[rs.getString("kind").equals("opened") ? 0 : 1] += rs.getLong("total");
			});
		if (byHour.isEmpty()) {
			return List.of();
		}
		long first = byHour.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
		long last = byHour.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
		if (sentAt != null) {
			first = Math.min(first, sentAt.getEpochSecond() / 3600);
		}
		last = Math.min(last, first + MOST_HOURS - 1);
		List<Report.Hour> hours = new ArrayList<>();
		for (long hour = first; hour <= last; hour++) {
			long[] counts = byHour.getOrDefault(hour, new long[2]);
			hours.add(new Report.Hour(Instant.ofEpochSecond(hour * 3600), counts[0], counts[1]));
		}
		return hours;
	}

	private static long total(Map<String, long[]> byKind, EngagementKind kind) {
		return byKind.getOrDefault(kind.value(), new long[2])[0];
	}

	private static long recipients(Map<String, long[]> byKind, EngagementKind kind) {
		return byKind.getOrDefault(kind.value(), new long[2])[1];
	}

}
