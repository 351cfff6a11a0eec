package dev.mailgate.campaigns.internal;

import java.time.Instant;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignEvents;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.campaigns.EngagementKind;
import dev.mailgate.contacts.ContactId;
import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores engagement events (one row each, with a time-ordered id) and announces them to
 * webhooks and integrations. Every part of the campaigns module records through here.
 */
@Component
class Engagements {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	Engagements(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * @param ip the recipient's address (opens and clicks), never logged
	 */
	UUID record(EngagementKind kind, WorkspaceId workspace, CampaignId campaign, @Nullable ContactId contact,
			@Nullable String email, @Nullable String url, @Nullable String ip, @Nullable String userAgent, Instant at) {
		UUID id = TimeOrderedIds.next(at);
		this.jdbc
			.sql("""
					insert into campaigns_events (id, workspace_id, campaign_id, contact_id, email, kind, url, ip, user_agent, at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, workspace.value(), campaign.value(), (contact != null) ? contact.value() : null, email,
					kind.value(), cut(url, 2000), cut(ip, 64), cut(userAgent, 400), Timestamps.utc(at))
			.update();
		this.events.publishEvent(
				new CampaignEvents.EngagementRecorded(id, kind, campaign, workspace, contact, email, url, at));
		return id;
	}

	private static @Nullable String cut(@Nullable String value, int length) {
		return (value == null || value.length() <= length) ? value : value.substring(0, length);
	}

}
