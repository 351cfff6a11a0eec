package dev.mailgate.integrations.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.platform.CredentialFormat;
import dev.mailgate.campaigns.CampaignEvents.EngagementRecorded;
import org.jspecify.annotations.Nullable;

/**
 * Engagement events as an analytics endpoint receives them
 * (docs/sharing-and-analytics.md):
 * {@code {"batch_id": …, "events": [{"id", "type", "campaign_id", "contact_id",
 * "email_sha256", "url", "occurred_at"}]}}. The batch id is derived from the first and
 * last event's ids, so a batch sent again after a failure carries the same one (it is
 * also the {@code Idempotency-Key}).
 *
 * @param lastEvent where the cursor moves once the endpoint accepts the batch
 */
record AnalyticsBatch(String id, UUID lastEvent, int size, Map<String, Object> body) {

	static AnalyticsBatch of(List<EngagementRecorded> events, boolean includeEmail) {
		UUID first = events.get(0).event();
		UUID last = events.get(events.size() - 1).event();
		String id = UUID.nameUUIDFromBytes((first + ".." + last).getBytes(StandardCharsets.UTF_8)).toString();
		List<Map<String, @Nullable Object>> json = events.stream().map((event) -> event(event, includeEmail)).toList();
		return new AnalyticsBatch(id, last, events.size(), Map.of("batch_id", id, "events", json));
	}

	private static Map<String, @Nullable Object> event(EngagementRecorded event, boolean includeEmail) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("id", event.event().toString());
		json.put("type", event.kind().value());
		json.put("campaign_id", event.campaign().toString());
		json.put("contact_id", (event.contact() != null) ? event.contact().value().toString() : null);
		json.put("email_sha256", sha256(event.email()));
		if (includeEmail) {
			json.put("email", event.email());
		}
		json.put("url", event.url());
		json.put("occurred_at", event.at().toString());
		return json;
	}

	/**
	 * The address's SHA-256 in hex, lowercased first so that one person's addresses match
	 * however they were typed.
	 */
	static @Nullable String sha256(@Nullable String email) {
		if (email == null) {
			return null;
		}
		return CredentialFormat.sha256(email.strip().toLowerCase(Locale.ROOT));
	}

}
