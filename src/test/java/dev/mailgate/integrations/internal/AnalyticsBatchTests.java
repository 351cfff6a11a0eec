package dev.mailgate.integrations.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignEvents.EngagementRecorded;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.campaigns.EngagementKind;
import dev.mailgate.contacts.ContactId;
import dev.mailgate.platform.TimeOrderedIds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics export's batch format and its idempotency key.
 */
class AnalyticsBatchTests {

	private static final Instant AT = Instant.parse("2026-11-28T10:15:30Z");

	@Test
	void aBatchOfTheSameEventsHasTheSameIdAndAnotherBatchAnother() {
		List<EngagementRecorded> events = List.of(event(EngagementKind.SENT, "ada@example.com"),
				event(EngagementKind.OPENED, "ada@example.com"));

		AnalyticsBatch batch = AnalyticsBatch.of(events, false);

		assertThat(AnalyticsBatch.of(events, false).id()).isEqualTo(batch.id());
		assertThat(AnalyticsBatch.of(events.subList(0, 1), false).id()).isNotEqualTo(batch.id());
		assertThat(batch.body()).containsEntry("batch_id", batch.id());
		assertThat(batch.lastEvent()).isEqualTo(events.get(1).event());
		assertThat(batch.size()).isEqualTo(2);
	}

	@Test
	void eventsCarryTheHashOfTheLowercasedAddressUnlessTheAddressIsWanted() {
		EngagementRecorded clicked = event(EngagementKind.CLICKED, " Ada@Example.COM");

		Map<String, Object> hashed = first(AnalyticsBatch.of(List.of(clicked), false));
		Map<String, Object> clear = first(AnalyticsBatch.of(List.of(clicked), true));

		assertThat(hashed).containsEntry("id", clicked.event().toString())
			.containsEntry("type", "clicked")
			.containsEntry("campaign_id", clicked.campaign().toString())
			.containsEntry("contact_id", clicked.contact().value().toString())
			.containsEntry("email_sha256", "b5fc85e55755f9e0d030a10ab4429b6b2944855f9a0d60077fe832becbc41d72")
			.containsEntry("url", "https://bakery.example/bread")
			.containsEntry("occurred_at", "2026-11-28T10:15:30Z")
			.doesNotContainKey("email");
		assertThat(clear).containsEntry("email", " Ada@Example.COM");
	}

	@Test
	void retryAfterIsSecondsOrAnHttpDate() {
		// RFC 9110 §10.2.3
		assertThat(AnalyticsEndpoint.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
		String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(61));
		assertThat(AnalyticsEndpoint.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
		assertThat(AnalyticsEndpoint.retryAfter("999999")).isEqualTo(AnalyticsEndpoint.MAX_RETRY_AFTER);
		assertThat(AnalyticsEndpoint.retryAfter("soon")).isNull();
		assertThat(AnalyticsEndpoint.retryAfter(null)).isNull();
	}

	private static EngagementRecorded event(EngagementKind kind, String email) {
		return new EngagementRecorded(TimeOrderedIds.next(AT), kind, new CampaignId(UUID.randomUUID()),
				new WorkspaceId(UUID.randomUUID()), new ContactId(UUID.randomUUID()), email,
				(kind == EngagementKind.CLICKED) ? "https://bakery.example/bread" : null, AT);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> first(AnalyticsBatch batch) {
		return ((List<Map<String, Object>>) batch.body().get("events")).get(0);
	}

}
