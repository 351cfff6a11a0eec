package dev.mailgate.integrations.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mailgate.campaigns.CampaignId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The engagement export against a WireMock analytics endpoint: each event once, in order,
 * in batches; failures retried with the same batch and idempotency key.
 */
class AnalyticsExportIntegrationTests extends ShareTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	AnalyticsExporter exporter;

	@Autowired
	JdbcAnalyticsExports exports;

	@Autowired
	IntegrationsProperties properties;

	@Test
	void exportsEveryEventOnceInOrderInBatchesOfTheConfiguredSize() {
		int batch = this.properties.analytics().batchSize();
		Connection analytics = connect(ProviderType.CUSTOM, base() + "/events", "acct-1", "analytics-token");
		List<UUID> events = events(batch * 2 + 7);
		this.wiremock.stubFor(post("/events").willReturn(aResponse().withStatus(202)));

		enable(analytics);
		exportUntil(analytics, events.size());

		List<LoggedRequest> requests = requests();
		assertThat(requests).hasSize(3);
		assertThat(requests).extracting((request) -> received(request).size()).containsExactly(batch, batch, 7);
		assertThat(requests.stream().flatMap((request) -> received(request).stream()).map((e) -> (Object) e.get("id")))
			.as("each event once, in order")
			.containsExactlyElementsOf(events.stream().map((id) -> (Object) id.toString()).toList());
		for (LoggedRequest request : requests) {
			assertThat(request.getHeader("Authorization")).isEqualTo("Bearer analytics-token");
			assertThat(request.getHeader("Idempotency-Key")).isEqualTo(body(request).get("batch_id"));
		}
		Map<String, Object> first = received(requests.get(0)).get(0);
		assertThat(first.keySet()).containsExactly("id", "type", "campaign_id", "contact_id", "email_sha256", "url",
				"occurred_at");
		assertThat(first.get("email_sha256")).as("SHA-256 of the lowercased address")
			.isEqualTo("e948b6840628d80e90b00395f637f321abeeba09688969f0197290225dca7866");
		assertThat(first.toString()).doesNotContainIgnoringCase("reader0@bakery.example");
	}

	@Test
	void aServerErrorIsRetriedWithTheSameBatchUntilAcceptedAndNothingIsLostOrDuplicated() {
		Connection analytics = connect(ProviderType.CUSTOM, base() + "/events", "acct-1", "analytics-token");
		List<UUID> events = events(5);
		this.wiremock.stubFor(post("/events").inScenario("outage")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("still down"));
		this.wiremock.stubFor(post("/events").inScenario("outage")
			.whenScenarioStateIs("still down")
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		this.wiremock.stubFor(
				post("/events").inScenario("outage").whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));

		enable(analytics);
		await("the first attempt", Duration.ofSeconds(10), () -> this.exporter.export(analytics.id()));
		AnalyticsExport retrying = this.exports.find(analytics.id()).orElseThrow();
		assertThat(retrying.status()).isEqualTo("RETRYING");
		assertThat(retrying.lastError()).isEqualTo("The endpoint answered 503");
		assertThat(retrying.exportedCount()).isZero();
		assertThat(
				this.mvc.get().uri("/integrations/connections/" + analytics.id() + "/analytics").session(this.session))
			.bodyText()
			.contains("Retrying")
			.contains("The endpoint answered 503");
		exportUntil(analytics, events.size());

		List<LoggedRequest> requests = requests();
		assertThat(requests).hasSize(3);
		assertThat(requests).extracting((request) -> request.getHeader("Idempotency-Key"))
			.containsOnly(requests.get(0).getHeader("Idempotency-Key"));
		assertThat(requests).extracting(LoggedRequest::getBodyAsString).containsOnly(requests.get(0).getBodyAsString());
		assertThat(received(requests.get(2)).stream().map((e) -> (Object) e.get("id")))
			.containsExactlyElementsOf(events.stream().map((id) -> (Object) id.toString()).toList());
		assertThat(this.exports.find(analytics.id()).orElseThrow().status()).isEqualTo("IDLE");
	}

	@Test
	void aTooManyRequestsAnswerWaitsAsLongAsRetryAfterAsks() {
		Connection analytics = connect(ProviderType.CUSTOM, base() + "/events", "acct-1", "analytics-token");
		List<UUID> events = events(3);
		this.wiremock.stubFor(post("/events").inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3"))
			.willSetStateTo("calm"));
		this.wiremock.stubFor(
				post("/events").inScenario("busy").whenScenarioStateIs("calm").willReturn(aResponse().withStatus(200)));

		enable(analytics);
		await("the first attempt", Duration.ofSeconds(10), () -> this.exporter.export(analytics.id()));
		AnalyticsExport waiting = this.exports.find(analytics.id()).orElseThrow();
		exportUntil(analytics, events.size());

		assertThat(waiting.lastError()).contains("429");
		List<LoggedRequest> requests = requests();
		assertThat(requests).hasSize(2);
		Duration between = Duration.between(requests.get(0).getLoggedDate().toInstant(),
				requests.get(1).getLoggedDate().toInstant());
		assertThat(between).as("RFC 9110 §10.2.3 Retry-After").isGreaterThanOrEqualTo(Duration.ofMillis(2900));
	}

	@Test
	void whenTheEndpointRefusesTheTokenThenTheExportPausesForAReconnect() {
		Connection analytics = connect(ProviderType.CUSTOM, base() + "/events", "acct-1", "revoked-token");
		events(2);
		this.wiremock.stubFor(post("/events").willReturn(aResponse().withStatus(401)));

		enable(analytics);
		await("the first attempt", Duration.ofSeconds(10), () -> this.exporter.export(analytics.id()));

		AnalyticsExport paused = this.exports.find(analytics.id()).orElseThrow();
		assertThat(paused.status()).isEqualTo("PAUSED");
		assertThat(paused.lastError()).startsWith("Reconnect needed");
		assertThat(paused.exportedCount()).isZero();
		this.wiremock.verify(1, postRequestedFor(urlEqualTo("/events")));
		assertNoRowHolds("revoked-token");
	}

	@Test
	void theExportPageIsOnlyForConnectionsWithAnEventsUrl() {
		Connection linkedIn = connect(ProviderType.LINKEDIN, null, "abc", "token");
		Connection analytics = connect(ProviderType.CUSTOM, base() + "/events", "acct-1", "analytics-token");

		assertThat(
				this.mvc.get().uri("/integrations/connections/" + linkedIn.id() + "/analytics").session(this.session))
			.hasStatus(404);
		assertThat(
				this.mvc.get().uri("/integrations/connections/" + analytics.id() + "/analytics").session(this.session))
			.hasStatusOk()
			.bodyText()
			.contains("Turn the export on")
			.contains(base() + "/events");
	}

	private void enable(Connection connection) {
		assertThat(this.mvc.post()
			.uri("/integrations/connections/" + connection.id() + "/analytics/enable")
			.session(this.session)
			.with(csrf())).hasStatus3xxRedirection();
	}

	/**
	 * Runs the exporter as the schedule would (when due), until the endpoint has taken
	 * {@code count} events.
	 */
	private void exportUntil(Connection connection, int count) {
		await(count + " events exported", Duration.ofSeconds(30), () -> {
			this.exporter.export(connection.id());
			return this.exports.find(connection.id()).orElseThrow().exportedCount() >= count;
		});
		assertThat(this.exports.find(connection.id()).orElseThrow().exportedCount()).isEqualTo(count);
	}

	/**
	 * Settled events of a sent campaign, a millisecond apart, in id order.
	 */
	private List<UUID> events(int count) {
		CampaignId campaign = sentCampaign("Fresh bread is back", true);
		Instant start = Instant.now().minus(1, ChronoUnit.HOURS);
		List<UUID> ids = new ArrayList<>();
		String[] kinds = { "sent", "delivered", "opened", "clicked" };
		for (int i = 0; i < count; i++) {
			ids.add(event(campaign, kinds[i % kinds.length], "Reader" + i + "@Bakery.example", start.plusMillis(i)));
		}
		return ids;
	}

	private List<LoggedRequest> requests() {
		List<LoggedRequest> requests = new ArrayList<>(this.wiremock.findAll(postRequestedFor(urlEqualTo("/events"))));
		requests.sort((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
		return requests;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> body(LoggedRequest request) {
		return JSON.readValue(request.getBodyAsString(), Map.class);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> received(LoggedRequest request) {
		return (List<Map<String, Object>>) body(request).get("events");
	}

}
