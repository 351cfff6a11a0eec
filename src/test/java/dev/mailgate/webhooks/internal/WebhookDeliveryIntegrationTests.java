package dev.mailgate.webhooks.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.campaigns.CampaignEvents;
import dev.mailgate.campaigns.CampaignId;
import dev.mailgate.campaigns.EngagementKind;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.ContactId;
import dev.mailgate.contacts.Contacts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks reach a real endpoint on 127.0.0.1, signed the Standard Webhooks way, once per
 * event, retried with growing waits, and never for a change that was rolled back.
 */
class WebhookDeliveryIntegrationTests extends WebhooksTestSupport {

	@Autowired
	Contacts contacts;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionOperations transactions;

	@Test
	void contactCreatedThroughTheApiArrivesSignedWithTheStandardWebhooksAlgorithm() {
		Map<String, Object> subscription = subscribe("contact.created");
		String secret = (String) subscription.get("secret");
		String email = "ada-" + UUID.randomUUID() + "@example.com";

		createContact(this.app, email);

		ReceivingEndpoint.Received webhook = this.endpoint.await((r) -> r.body().contains(email));
		assertThat(webhook.header("content-type")).isEqualTo("application/json");
		assertThat(webhook.header("user-agent")).isEqualTo("Mailgate-Webhooks/1");
		long timestamp = Long.parseLong(webhook.header("webhook-timestamp"));
		assertThat(Instant.ofEpochSecond(timestamp)).isBetween(Instant.now().minusSeconds(60), Instant.now());
		assertThat(webhook.header("webhook-signature")).startsWith("v1,").doesNotContain(" ");
		assertThat(StandardWebhooksVerifier.verifies(secret, webhook.header("webhook-id"),
				webhook.header("webhook-timestamp"), webhook.body(), webhook.header("webhook-signature")))
			.isTrue();
		assertThat((String) read(webhook.body(), "$.type")).isEqualTo("contact.created");
		assertThat((String) read(webhook.body(), "$.data.email")).isEqualTo(email);
		assertThat((String) read(webhook.body(), "$.data.workspace_id")).isEqualTo(this.workspace.value().toString());
		assertThat(Instant.parse(read(webhook.body(), "$.timestamp"))).isBefore(Instant.now());
	}

	@Test
	void contactChangesArePublishedOncePerContactAndUnsubscribingNamesTheSource() {
		subscribe("contact.created", "contact.updated", "contact.unsubscribed");
		String same = "same-" + UUID.randomUUID() + "@example.com";
		String changed = "changed-" + UUID.randomUUID() + "@example.com";
		String fresh = "fresh-" + UUID.randomUUID() + "@example.com";
		createContact(this.app, same);
		createContact(this.app, changed);
		this.endpoint.awaitCount((r) -> r.body().contains("contact.created"), 2);

		call("POST", "/api/v1/contacts/batch", """
				{"contacts": [{"email": "%s"}, {"email": "%s", "status": "unsubscribed", "consent_source": "crm-sync"},
				{"email": "%s"}]}""".formatted(same, changed, fresh));

		this.endpoint.await((r) -> r.body().contains("contact.unsubscribed"));
		this.endpoint.await((r) -> r.body().contains(fresh));
		ReceivingEndpoint.Received unsubscribed = this.endpoint.await((r) -> r.body().contains("contact.unsubscribed"));
		assertThat((String) read(unsubscribed.body(), "$.data.email")).isEqualTo(changed);
		assertThat((String) read(unsubscribed.body(), "$.data.source")).isEqualTo("crm-sync");
		this.endpoint.await((r) -> r.body().contains("contact.updated") && r.body().contains(changed));
		Map<String, Long> byType = deliveries().stream()
			.collect(java.util.stream.Collectors.groupingBy((d) -> d.get("event_type") + " " + d.get("email"),
					java.util.stream.Collectors.counting()));
		assertThat(byType).containsOnly(Map.entry("contact.created " + same, 1L),
				Map.entry("contact.created " + changed, 1L), Map.entry("contact.created " + fresh, 1L),
				Map.entry("contact.updated " + changed, 1L), Map.entry("contact.unsubscribed " + changed, 1L));
	}

	@Test
	void addingAContactToAListIsAContactUpdate() {
		subscribe("contact.updated");
		String email = "listed-" + UUID.randomUUID() + "@example.com";
		String contact = read(body(call("POST", "/api/v1/contacts", "{\"email\": \"%s\"}".formatted(email))), "$.id");
		String list = read(
				body(call("POST", "/api/v1/lists", "{\"name\": \"Regulars %s\"}".formatted(UUID.randomUUID()))),
				"$.id");

		assertThat(
				call("POST", "/api/v1/lists/" + list + "/contacts", "{\"contact_ids\": [\"%s\"]}".formatted(contact)))
			.hasStatus(204);

		ReceivingEndpoint.Received updated = this.endpoint.await((r) -> r.body().contains(email));
		assertThat((String) read(updated.body(), "$.type")).isEqualTo("contact.updated");
		assertThat((String) read(updated.body(), "$.data.id")).isEqualTo(contact);
	}

	@Test
	void endpointFailingTwiceGetsThreeAttemptsWithGrowingWaitsAndTheLogShowsThem() {
		Map<String, Object> subscription = subscribe("contact.created");
		this.endpoint.answering(500, 503);
		String email = "retry-" + UUID.randomUUID() + "@example.com";

		createContact(this.app, email);

		List<ReceivingEndpoint.Received> attempts = this.endpoint.awaitCount((r) -> r.body().contains(email), 3);
		assertThat(attempts).extracting((r) -> r.header("webhook-id"))
			.as("the same id on every attempt")
			.containsOnly(attempts.get(0).header("webhook-id"));
		assertThat(attempts).extracting(ReceivingEndpoint.Received::body).containsOnly(attempts.get(0).body());
		Duration first = Duration.between(attempts.get(0).at(), attempts.get(1).at());
		Duration second = Duration.between(attempts.get(1).at(), attempts.get(2).at());
		// the test schedule (IntegrationTestSupport): 1 s, then 2 s, each with up to a
		// fifth more
		assertThat(first).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(second).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
		String log = awaitLog((String) subscription.get("id"), "succeeded");
		assertThat((Integer) read(log, "$.data[0].attempts")).isEqualTo(3);
		assertThat((List<Integer>) read(log, "$.data[0].attempt_log[*].response_status")).containsExactly(500, 503,
				200);
		assertThat((List<String>) read(log, "$.data[0].attempt_log[*].response_excerpt")).containsExactly("answer 500",
				"answer 503", "answer 200");
		assertThat((String) read(log, "$.data[0].payload.data.email")).isEqualTo(email);
	}

	@Test
	void rolledBackWriteSendsNothing() {
		subscribe("contact.created");
		String rolledBack = "rolled-back-" + UUID.randomUUID() + "@example.com";
		String committed = "committed-" + UUID.randomUUID() + "@example.com";

		this.transactions.executeWithoutResult((status) -> {
			this.contacts.create(this.workspace,
					new ContactChanges(rolledBack, null, null, null, null, null, null, null));
			status.setRollbackOnly();
		});
		this.contacts.create(this.workspace, new ContactChanges(committed, null, null, null, null, null, null, null));

		this.endpoint.await((r) -> r.body().contains(committed));
		assertThat(this.endpoint.received()).noneMatch((r) -> r.body().contains(rolledBack));
		assertThat(deliveries()).extracting((d) -> d.get("email")).containsExactly(committed);
	}

	@Test
	void campaignAndEngagementEventsArriveAsTheirWebhookTypes() {
		subscribe("campaign.sent", "email.opened", "email.clicked");
		CampaignId campaign = CampaignId.next(Instant.now());
		ContactId contact = new ContactId(UUID.randomUUID());

		this.transactions.executeWithoutResult((status) -> {
			this.events.publishEvent(new CampaignEvents.CampaignSent(campaign, this.workspace, "November news",
					"What's baking", null, 42, Instant.now()));
			this.events.publishEvent(new CampaignEvents.EngagementRecorded(UUID.randomUUID(), EngagementKind.CLICKED,
					campaign, this.workspace, contact, "ada@example.com", "https://example.com/bread", Instant.now()));
			this.events.publishEvent(new CampaignEvents.EngagementRecorded(UUID.randomUUID(), EngagementKind.BOUNCED,
					campaign, this.workspace, contact, "ada@example.com", null, Instant.now()));
		});

		ReceivingEndpoint.Received sent = this.endpoint.await((r) -> r.body().contains("campaign.sent"));
		assertThat((String) read(sent.body(), "$.data.id")).isEqualTo(campaign.toString());
		assertThat((Integer) read(sent.body(), "$.data.recipients")).isEqualTo(42);
		ReceivingEndpoint.Received clicked = this.endpoint.await((r) -> r.body().contains("email.clicked"));
		assertThat((String) read(clicked.body(), "$.data.url")).isEqualTo("https://example.com/bread");
		assertThat((String) read(clicked.body(), "$.data.contact_id")).isEqualTo(contact.value().toString());
		assertThat(deliveries()).extracting((d) -> d.get("event_type"))
			.as("email.bounced is not subscribed")
			.containsExactlyInAnyOrder("campaign.sent", "email.clicked");
	}

	@Test
	void anOpenRecordedWithoutTheAddressArrivesWithTheContactsEmail() {
		subscribe("email.opened");
		Contact reader = this.contacts.create(this.workspace, ContactChanges.email("opener@example.com"));

		// the tracking pixel records opens without reading the address
		this.transactions.executeWithoutResult((status) -> this.events
			.publishEvent(new CampaignEvents.EngagementRecorded(UUID.randomUUID(), EngagementKind.OPENED,
					CampaignId.next(Instant.now()), this.workspace, reader.id(), null, null, Instant.now())));

		ReceivingEndpoint.Received opened = this.endpoint.await((r) -> r.body().contains("email.opened"));
		assertThat((String) read(opened.body(), "$.data.email")).isEqualTo("opener@example.com");
	}

	@Test
	void rotationSignsWithBothSecretsFor24HoursThenOnlyWithTheNewOne() {
		Map<String, Object> subscription = subscribe("contact.created");
		String id = (String) subscription.get("id");
		String old = (String) subscription.get("secret");

		String rotated = body(call("POST", "/api/v1/webhooks/" + id + "/rotate-secret", null));
		String secret = read(rotated, "$.secret");
		assertThat(secret).startsWith("whsec_").isNotEqualTo(old);
		assertThat(Instant.parse(read(rotated, "$.previous_secret_expires_at"))).isBetween(
				Instant.now().plus(Duration.ofHours(24)).minusSeconds(60), Instant.now().plus(Duration.ofHours(24)));
		String during = "during-" + UUID.randomUUID() + "@example.com";
		createContact(this.app, during);
		ReceivingEndpoint.Received both = this.endpoint.await((r) -> r.body().contains(during));
		String[] signatures = both.header("webhook-signature").split(" ");
		assertThat(signatures).hasSize(2);
		assertThat(verifies(secret, both, signatures[0])).as("the new secret's first").isTrue();
		assertThat(verifies(old, both, signatures[1])).as("then the old one's").isTrue();

		// 24 hours later
		this.jdbc.sql("update webhooks_subscriptions set previous_secret_until = ? where id = ?")
			.params(java.time.OffsetDateTime.now().minusSeconds(1), UUID.fromString(id))
			.update();
		String after = "after-" + UUID.randomUUID() + "@example.com";
		createContact(this.app, after);
		ReceivingEndpoint.Received one = this.endpoint.await((r) -> r.body().contains(after));
		assertThat(one.header("webhook-signature")).doesNotContain(" ");
		assertThat(verifies(secret, one, one.header("webhook-signature"))).isTrue();
		assertThat(verifies(old, one, one.header("webhook-signature"))).isFalse();
	}

	@Test
	void deletingASubscriptionStopsItsPendingDeliveries() {
		Map<String, Object> subscription = subscribe("contact.created");
		this.endpoint.answeringAlways(500);
		String email = "deleted-" + UUID.randomUUID() + "@example.com";
		createContact(this.app, email);
		this.endpoint.await((r) -> r.body().contains(email));

		assertThat(call("DELETE", "/api/v1/webhooks/" + subscription.get("id"), null)).hasStatus(204);

		// a second subscription's delivery of a later event marks when the first retry
		// was due
		Map<String, Object> other = subscribe("contact.created");
		this.endpoint.answeringAlways(200);
		String later = "later-" + UUID.randomUUID() + "@example.com";
		createContact(this.app, later);
		this.endpoint.await((r) -> r.body().contains(later));
		awaitLog((String) other.get("id"), "succeeded");
		assertThat(this.endpoint.received()).filteredOn((r) -> r.body().contains(email)).hasSize(1);
		assertThat(this.jdbc.sql("select count(*) from webhooks_deliveries where subscription_id = ?")
			.param(UUID.fromString((String) subscription.get("id")))
			.query(Integer.class)
			.single()).isZero();
	}

	private static boolean verifies(String secret, ReceivingEndpoint.Received webhook, String signature) {
		return StandardWebhooksVerifier.verifies(secret, webhook.header("webhook-id"),
				webhook.header("webhook-timestamp"), webhook.body(), signature);
	}

	/**
	 * The workspace's delivery rows, as event type and the payload's email.
	 */
	private List<Map<String, String>> deliveries() {
		return this.jdbc.sql("""
				select d.event_type, d.payload from webhooks_deliveries d
				join webhooks_subscriptions s on s.id = d.subscription_id where s.workspace_id = ?""")
			.param(this.workspace.value())
			.query((rs, n) -> {
				String payload = rs.getString("payload");
				String email = payload.contains("\"email\"") ? read(payload, "$.data.email") : "";
				return Map.of("event_type", rs.getString("event_type"), "email", (email != null) ? email : "");
			})
			.list();
	}

	private String awaitLog(String subscription, String status) {
		Instant deadline = Instant.now().plusSeconds(20);
		String log = "";
		while (Instant.now().isBefore(deadline)) {
			log = body(call("GET", "/api/v1/webhooks/" + subscription + "/deliveries", null));
			if (log.contains("\"status\":\"" + status + "\"")) {
				return log;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		throw new AssertionError("The log did not show " + status + ": " + log);
	}

}
