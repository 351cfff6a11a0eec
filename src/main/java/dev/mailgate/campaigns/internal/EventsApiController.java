package dev.mailgate.campaigns.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import dev.mailgate.platform.PageParameters;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.campaigns.EngagementKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/events}: the workspace's engagement events, oldest first, for
 * analytics tools with scope {@code reports.read} (checked by the API chain). Every page
 * has a {@code next_cursor}, the last page too, so a tool polls with it for what came
 * since.
 */
@RestController
@Tag(name = "Reports")
class EventsApiController {

	static final int DEFAULT_LIMIT = 100;

	static final int MOST = 1000;

	private final EventsApiFeed feed;

	EventsApiController(EventsApiFeed feed) {
		this.feed = feed;
	}

	@Operation(summary = "List engagement events, oldest first", description = """
			Sent, delivered, bounced, opened, clicked, unsubscribed and complained, in the order of their \
			time-ordered ids. `next_cursor` is never null: on the last page it says where you stopped, so keep \
			it and ask again with it (every minute, say) for the events that came since, with the same filters. \
			Events show once they are 2 seconds old.""")
	@ApiResponse(responseCode = "200", description = "A page of events",
			content = @Content(schema = @Schema(implementation = EventsPage.class)))
	@ApiResponse(responseCode = "400",
			description = "A bad `limit`, `cursor`, `kind`, `campaign_id` or `since`, named in `field`")
	@ApiResponse(responseCode = "403", description = "The token lacks scope `reports.read`")
	@GetMapping("/api/v1/events")
	EventsPage listEvents(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "The `next_cursor` of the page before") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(description = "Events per page",
					schema = @Schema(type = "integer", minimum = "1", maximum = "1000",
							defaultValue = "100")) @RequestParam(required = false) @Nullable String limit,
			@Parameter(description = "Only events of this kind",
					schema = @Schema(allowableValues = { "sent", "delivered", "bounced", "opened", "clicked",
							"unsubscribed", "complained" })) @RequestParam(required = false) @Nullable String kind,
			@Parameter(description = "Only events of this campaign", schema = @Schema(format = "uuid")) @RequestParam(
					name = "campaign_id", required = false) @Nullable String campaignId,
			@Parameter(description = "Only events from this time on (RFC 3339)",
					schema = @Schema(format = "date-time", example = "2026-11-28T00:00:00Z")) @RequestParam(
							required = false) @Nullable String since) {
		EventsApiFeed.Filter filter = new EventsApiFeed.Filter(kind(kind), campaign(campaignId), since(since));
		EventsApiCursor after = (blank(cursor)) ? EventsApiCursor.START : EventsApiCursor.decode(cursor);
		EventsApiFeed.Page page = this.feed.page(EventsApiCaller.workspace(token), filter, after, limit(limit));
		return new EventsPage(page.events(), page.next().encode());
	}

	private static @Nullable EngagementKind kind(@Nullable String kind) {
		if (blank(kind)) {
			return null;
		}
		return EngagementKind.of(kind.strip())
			.orElseThrow(() -> new EventsApiRejected("kind",
					"kind must be one of sent, delivered, bounced, opened, clicked, unsubscribed, complained"));
	}

	private static @Nullable CampaignId campaign(@Nullable String campaign) {
		if (blank(campaign)) {
			return null;
		}
		try {
			return CampaignId.parse(campaign.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new EventsApiRejected("campaign_id", "campaign_id must be a campaign's id (a UUID)");
		}
	}

	private static @Nullable Instant since(@Nullable String since) {
		if (blank(since)) {
			return null;
		}
		try {
			return OffsetDateTime.parse(since.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new EventsApiRejected("since",
					"since must be a date and time with its offset (RFC 3339), such as 2026-11-28T00:00:00Z");
		}
	}

	private static int limit(@Nullable String limit) {
		return PageParameters.limit(limit, DEFAULT_LIMIT, MOST,
				() -> new EventsApiRejected("limit", "limit must be a whole number from 1 to " + MOST));
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	/**
	 * A page of {@code GET /api/v1/events}; JSON names are snake_case.
	 */
	@Schema(name = "EngagementEventPage", requiredProperties = { "data", "next_cursor" })
	record EventsPage(List<EventsApiFeed.Event> data, @Schema(description = """
			Where this page stopped, never null: send it as `cursor` for the next page, or later for the events \
			that came since""") String nextCursor) {
	}

}
