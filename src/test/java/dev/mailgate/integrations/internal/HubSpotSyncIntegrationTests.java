package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.FieldType;
import dev.mailgate.contacts.SubscriptionStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contact sync from HubSpot's CRM v3 contacts API (WireMock, in the documented shapes):
 * mapping, incremental runs, back-off on outages and 429s, waiting and resuming, taking
 * over a run whose node died.
 */
class HubSpotSyncIntegrationTests extends SyncTestSupport {

	static WireMockServer hubspot;

	@Autowired
	SyncConfiguration configuration;

	@Autowired
	SyncPageWriter writer;

	@Autowired
	SyncEnd end;

	@Autowired
	Clock clock;

	private String base = "";

	private String contactsPath = "";

	private String searchPath = "";

	private Member member;

	private Provider provider;

	private Connection connection;

	private final String token = "hubspot-access-" + UUID.randomUUID();

	@BeforeAll
	static void startHubSpot() {
		hubspot = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		hubspot.start();
	}

	@AfterAll
	static void stopHubSpot() {
		hubspot.stop();
	}

	@BeforeEach
	void connectedWorkspace() {
		String prefix = "/t-" + UUID.randomUUID();
		this.base = hubspot.baseUrl() + prefix;
		this.contactsPath = prefix + "/crm/v3/objects/contacts";
		this.searchPath = this.contactsPath + "/search";
		this.member = member();
		this.provider = provider(ProviderType.HUBSPOT, this.base);
		this.connection = connection(this.member, this.provider, this.token);
		hubspot.stubFor(post(urlPathEqualTo(this.searchPath)).withRequestBody(matchingJsonPath("$.limit", equalTo("1")))
			.willReturn(okJson(HubSpotJson.search(5, null, List.of()))));
	}

	@Test
	void fullSyncImportsEveryPageWithTheFieldMapping() throws Exception {
		this.contacts.defineField(this.member.workspace(), "company", "Company", FieldType.TEXT);
		this.settings.save(this.connection.id(),
				Map.of("email", "email", "firstname", "first_name", "lastname", "last_name", "company", "company"),
				null, SyncSettings.Schedule.OFF, this.clock.instant());
		list(null, HubSpotJson.page("3",
				List.of(HubSpotJson.contact("1", "ada@example.com", "Ada", "Lovelace", false, "company", "Analytical"),
						HubSpotJson.contact("2", "not-an-email", "Bad", "Address", false),
						HubSpotJson.contact("3", "grace@example.com", "Grace", "Hopper", false))));
		list("3", HubSpotJson.page(null, List.of(HubSpotJson.contact("4", "opted.out@example.com", "Otto", "Out", true),
				HubSpotJson.contact("5", "linus@example.com", "Linus", "T", false, "phone", "+1 555"))));

		SyncRun run = awaitFinished(this.syncRuns.start(this.connection.id(), "manual").id());

		assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
		assertThat(run.total()).isEqualTo(5);
		assertThat(run.percent()).isEqualTo(100);
		assertThat(List.of(run.fetched(), run.created(), run.updated(), run.failed())).containsExactly(5L, 4L, 0L, 1L);
		assertThat(run.failures()).singleElement().asString().startsWith("not-an-email: email");
		Contact ada = this.contacts.findByEmail(this.member.workspace(), "ada@example.com").orElseThrow();
		assertThat(ada.firstName()).isEqualTo("Ada");
		assertThat(ada.lastName()).isEqualTo("Lovelace");
		assertThat(ada.fields()).containsEntry("company", "Analytical");
		assertThat(ada.status()).isEqualTo(SubscriptionStatus.SUBSCRIBED);
		assertThat(ada.consentSource()).isEqualTo("sync:" + this.provider.registrationId());
		assertThat(this.contacts.findByEmail(this.member.workspace(), "opted.out@example.com").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
		hubspot
			.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(this.contactsPath))
				.withHeader("Authorization", equalTo("Bearer " + this.token))
				.withQueryParam("limit", equalTo("100"))
				.withQueryParam("properties", matchingCommaList("company")));
	}

	@Test
	void incrementalSyncSearchesContactsChangedSinceTheLastSuccessfulRun() throws Exception {
		list(null, HubSpotJson.page(null, HubSpotJson.contacts("inc", 1, 2)));
		SyncRun first = awaitFinished(this.syncRuns.start(this.connection.id(), "manual").id());
		hubspot
			.stubFor(post(urlPathEqualTo(this.searchPath)).withRequestBody(matchingJsonPath("$.limit", equalTo("100")))
				.willReturn(okJson(HubSpotJson.search(1, null,
						List.of(HubSpotJson.contact("1", "inc1@example.com", "Renamed", "Last1", false))))));

		hubspot.stubFor(post(urlPathEqualTo(this.searchPath)).withRequestBody(matchingJsonPath("$.limit", equalTo("1")))
			.willReturn(okJson(HubSpotJson.search(1, null, List.of()))));

		SyncRun second = awaitFinished(this.syncRuns.start(this.connection.id(), "api").id());

		assertThat(second.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
		assertThat(second.updatedSince()).isEqualTo(first.watermark().minus(SyncRuns.OVERLAP));
		assertThat(List.of(second.total(), second.fetched(), second.created(), second.updated())).containsExactly(1L,
				1L, 0L, 1L);
		long since = second.updatedSince().toEpochMilli();
		hubspot.verify(postRequestedFor(urlPathEqualTo(this.searchPath)).withRequestBody(equalToJson("""
				{"filterGroups": [{"filters": [{"propertyName": "lastmodifieddate", "operator": "GTE",
				"value": "%d"}]}], "sorts": [{"propertyName": "lastmodifieddate", "direction": "ASCENDING"}],
				"limit": 100}""".formatted(since), true, true)));
		assertThat(this.contacts.findByEmail(this.member.workspace(), "inc1@example.com").orElseThrow().firstName())
			.isEqualTo("Renamed");
	}

	@Test
	void contactWhoUnsubscribedHereStaysUnsubscribedAfterASync() throws Exception {
		this.contacts.create(this.member.workspace(), new ContactChanges("left@example.com", "Left", null,
				SubscriptionStatus.UNSUBSCRIBED, "page:someone", null, null, null));
		list(null,
				HubSpotJson.page(null, List.of(HubSpotJson.contact("9", "left@example.com", "Left", "Again", false))));

		SyncRun run = awaitFinished(this.syncRuns.start(this.connection.id(), "manual").id());

		Contact left = this.contacts.findByEmail(this.member.workspace(), "left@example.com").orElseThrow();
		assertThat(run.updated()).isEqualTo(1);
		assertThat(left.lastName()).isEqualTo("Again");
		assertThat(left.status()).isEqualTo(SubscriptionStatus.UNSUBSCRIBED);
		assertThat(left.consentSource()).isEqualTo("page:someone");
	}

	@Test
	@DisplayName("An outage (503 twice) and a 429 with Retry-After (RFC 6585 §4) are waited out: every contact arrives exactly once")
	void outageAndTooManyRequestsAreWaitedOutWithoutLosingOrDoublingContacts() throws Exception {
		list(null, HubSpotJson.page("2", HubSpotJson.contacts("out", 1, 2)));
		failingThenOk("2", HubSpotJson.page("3", HubSpotJson.contacts("out", 3, 2)), status(503), status(503));
		failingThenOk("3", HubSpotJson.page(null, HubSpotJson.contacts("out", 5, 2)),
				status(429).withHeader("Retry-After", "1"));

		SyncRun run = awaitFinished(this.syncRuns.start(this.connection.id(), "manual").id());

		assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
		assertThat(run.attempts()).isEqualTo(3);
		assertThat(run.lastError()).contains("429");
		assertThat(List.of(run.fetched(), run.created(), run.updated())).containsExactly(6L, 6L, 0L);
		for (int i = 1; i <= 6; i++) {
			assertThat(rowsWithEmail(this.member.workspace(), "out" + i + "@example.com")).isOne();
		}
	}

	@Test
	void runThatExhaustsItsRetriesWaitsAndResumesFromItsCursor() throws Exception {
		list(null, HubSpotJson.page("2", HubSpotJson.contacts("wait", 1, 2)));
		hubspot.stubFor(
				get(urlPathEqualTo(this.contactsPath)).withQueryParam("after", equalTo("2")).willReturn(status(503)));
		ContactSync quick = new ContactSync(this.runs, this.connections, this.configuration, this.writer, this.end,
				new IntegrationsProperties(true, Duration.ofSeconds(60),
						new IntegrationsProperties.Sync(Duration.ofSeconds(60), 1000,
								List.of(Duration.ofMillis(20), Duration.ofMillis(20)), Duration.ofSeconds(30)),
						new IntegrationsProperties.Analytics(Duration.ofSeconds(10), 500,
								List.of(Duration.ofSeconds(1)))),
				this.clock);
		SyncRun created = this.runs.create(this.connection, "manual", null, this.clock.instant());
		String node = "test-node-" + UUID.randomUUID();
		assertThat(this.runs.claim(created.id(), node, this.clock.instant(), this.clock.instant())).isTrue();

		quick.execute(created.id(), node);

		SyncRun waiting = this.runs.find(created.id()).orElseThrow();
		assertThat(waiting.status()).isEqualTo(SyncRun.Status.WAITING);
		assertThat(List.of(waiting.attempts(), waiting.waits())).containsExactly(3, 1);
		assertThat(waiting.cursor()).isEqualTo("2");
		assertThat(waiting.created()).isEqualTo(2);
		assertThat(waiting.nextAttemptAt()).isAfter(this.clock.instant().plusSeconds(50));

		list("2", HubSpotJson.page(null, HubSpotJson.contacts("wait", 3, 2)));
		this.jdbc.sql("update integrations_sync_runs set next_attempt_at = ? where id = ?")
			.params(java.sql.Timestamp.from(this.clock.instant().minusSeconds(1)), created.id())
			.update();
		SyncRun resumed = awaitFinished(created.id());

		assertThat(resumed.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
		assertThat(List.of(resumed.fetched(), resumed.created())).containsExactly(4L, 4L);
		assertThat(resumed.waits()).isZero();
	}

	@Test
	void runLeftRunningByADeadNodeIsTakenOverAndFinishesWithNothingLost() throws Exception {
		list("2", HubSpotJson.page(null, HubSpotJson.contacts("dead", 3, 2)));
		this.contacts.upsertAll(this.member.workspace(),
				List.of(ContactChanges.email("dead1@example.com"), ContactChanges.email("dead2@example.com")));
		SyncRun created = this.runs.create(this.connection, "manual", null, this.clock.instant());
		this.jdbc.sql("""
				update integrations_sync_runs set status = 'running', node = 'a-node-that-died', page_cursor = '2',
				fetched = 2, created = 2, total = 4, heartbeat_at = ?, started_at = ? where id = ?""")
			.params(java.sql.Timestamp.from(this.clock.instant().minusSeconds(3600)),
					java.sql.Timestamp.from(this.clock.instant().minusSeconds(3600)), created.id())
			.update();

		SyncRun run = awaitFinished(created.id());

		assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
		assertThat(run.node()).isNotEqualTo("a-node-that-died");
		assertThat(List.of(run.fetched(), run.created())).containsExactly(4L, 4L);
		for (int i = 1; i <= 4; i++) {
			assertThat(rowsWithEmail(this.member.workspace(), "dead" + i + "@example.com")).isOne();
		}
	}

	@Test
	void dueScheduleStartsARunAndMovesToTheNextHour() throws Exception {
		list(null, HubSpotJson.page(null, HubSpotJson.contacts("hourly", 1, 1)));
		this.settings.save(this.connection.id(), Map.of("email", "email"), null, SyncSettings.Schedule.HOURLY,
				this.clock.instant());
		this.jdbc.sql("update integrations_sync_settings set next_run_at = ? where connection_id = ?")
			.params(java.sql.Timestamp.from(this.clock.instant().minusSeconds(1)), this.connection.id().value())
			.update();

		java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
		while (this.runs.history(this.connection.id(), 1).isEmpty() && java.time.Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}
		SyncRun run = awaitFinished(this.runs.history(this.connection.id(), 1).get(0).id());

		assertThat(run.startedBy()).isEqualTo("schedule");
		assertThat(run.status()).isEqualTo(SyncRun.Status.SUCCEEDED);
		assertThat(this.settings.find(this.connection.id()).orElseThrow().nextRunAt())
			.isAfter(this.clock.instant().plus(Duration.ofMinutes(59)));
	}

	@Test
	void refusedAccessTokenFailsTheRunAsReconnectNeeded() throws Exception {
		hubspot.stubFor(get(urlPathEqualTo(this.contactsPath)).willReturn(status(401)));

		SyncRun run = awaitFinished(this.syncRuns.start(this.connection.id(), "manual").id());

		assertThat(run.status()).isEqualTo(SyncRun.Status.FAILED);
		assertThat(run.lastError()).startsWith("Reconnect needed").doesNotContain(this.token);
	}

	private void list(String after, String body) {
		hubspot.stubFor(get(urlPathEqualTo(this.contactsPath))
			.withQueryParam("after", (after != null) ? equalTo(after) : absent())
			.willReturn(okJson(body)));
	}

	private void failingThenOk(String after, String body,
			com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... failures) {
		String scenario = "page " + after + " " + UUID.randomUUID();
		String state = Scenario.STARTED;
		for (int i = 0; i < failures.length; i++) {
			hubspot.stubFor(get(urlPathEqualTo(this.contactsPath)).withQueryParam("after", equalTo(after))
				.inScenario(scenario)
				.whenScenarioStateIs(state)
				.willReturn(failures[i])
				.willSetStateTo("failed " + (i + 1)));
			state = "failed " + (i + 1);
		}
		hubspot.stubFor(get(urlPathEqualTo(this.contactsPath)).withQueryParam("after", equalTo(after))
			.inScenario(scenario)
			.whenScenarioStateIs(state)
			.willReturn(okJson(body)));
	}

	private static com.github.tomakehurst.wiremock.matching.StringValuePattern matchingCommaList(String property) {
		return com.github.tomakehurst.wiremock.client.WireMock.matching("(.*,)?" + property + "(,.*)?");
	}

}
