package dev.mailgate.campaigns.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.campaigns.EngagementKind;
import dev.mailgate.platform.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A workspace's engagement events in the order of their time-ordered ids, for analytics
 * tools that read them a page at a time and come back for what is new.
 */
@Component
class EventsApiFeed {

	/**
	 * Events younger than this are left for the next read: an event's id is taken just
	 * before its insert commits, so a younger one may still be joined by another with a
	 * smaller id, which a reader already past it would never see.
	 */
	static final Duration SETTLE = Duration.ofSeconds(2);

	private final JdbcClient jdbc;

	private final Clock clock;

	EventsApiFeed(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The page after the cursor; its next cursor is the last event's, or the same cursor
	 * when nothing new has settled yet.
	 */
	Page page(WorkspaceId workspace, Filter filter, EventsApiCursor cursor, int limit) {
		Query query = query(workspace, filter, cursor, this.clock.instant().minus(SETTLE), limit);
		List<Event> events = this.jdbc.sql(query.sql())
			.params(query.parameters())
			.query((rs, row) -> new Event(rs.getObject("id", UUID.class), rs.getString("kind"),
					rs.getObject("campaign_id", UUID.class), rs.getObject("contact_id", UUID.class),
					rs.getString("email"), rs.getString("url"), Timestamps.instant(rs, "at")))
			.list();
		EventsApiCursor next = events.isEmpty() ? cursor : new EventsApiCursor(events.get(events.size() - 1).id());
		return new Page(events, next);
	}

	/**
	 * The statement of a page of the events that settled before {@code settled}.
	 */
	static Query query(WorkspaceId workspace, Filter filter, EventsApiCursor cursor, Instant settled, int limit) {
		StringBuilder sql = new StringBuilder("""
				select e.id, e.kind, e.campaign_id, e.contact_id, coalesce(e.email, r.email) as email, e.url, e.at
				from campaigns_events e
				left join campaigns_recipients r on r.campaign_id = e.campaign_id and r.contact_id = e.contact_id
				where e.workspace_id = ? and e.id > ? and e.id < ?""");
		List<Object> params = new ArrayList<>(List.of(workspace.value(), cursor.after(), firstIdAt(settled)));
		if (filter.since() != null) {
			sql.append(" and e.id >= ?");
			params.add(firstIdAt(filter.since()));
		}
		if (filter.kind() != null) {
			sql.append(" and e.kind = ?");
			params.add(filter.kind().value());
		}
		if (filter.campaign() != null) {
			sql.append(" and e.campaign_id = ?");
			params.add(filter.campaign().value());
		}
		// The workspace in the order lets H2 read campaigns_events_workspace_ix as it is
		// and
		// stop at the page's end, instead of sorting every event after the cursor.
		sql.append(" order by e.workspace_id, e.id limit ?");
		params.add(limit);
		return new Query(sql.toString(), params);
	}

	record Query(String sql, List<Object> parameters) {
	}

	/**
	 * The smallest time-ordered id (UUIDv7) of an instant's millisecond.
	 */
	static UUID firstIdAt(Instant at) {
		return new UUID(Math.max(0, at.toEpochMilli()) << 16, 0);
	}

	/**
	 * @param since only events at or after this time
	 */
	record Filter(@Nullable EngagementKind kind, @Nullable CampaignId campaign, @Nullable Instant since) {
	}

	record Page(List<Event> events, EventsApiCursor next) {
	}

	/**
	 * An event as the API lists it; JSON names are snake_case.
	 */
	@Schema(name = "EngagementEvent",
			requiredProperties = { "id", "kind", "campaign_id", "contact_id", "email", "url", "at" })
	record Event(@Schema(description = "Time-ordered (UUIDv7); the feed's order") UUID id, @Schema(allowableValues = {
			"sent", "delivered", "bounced", "opened", "clicked", "unsubscribed", "complained" }) String kind,
			UUID campaignId, @Schema(types = { "string", "null" }, format = "uuid") @Nullable UUID contactId,
			@Schema(types = { "string", "null" }, example = "ada@example.com") @Nullable String email,
			@Schema(types = { "string", "null" },
					description = "The link's target, for `clicked`") @Nullable String url,
			Instant at){
	}

}
