package dev.mailgate.audit.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.oauth.OAuthEvents;
import dev.mailgate.ratelimit.RateLimited;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Issued tokens and rate limit refusals become one row per key and minute, with the
 * count, however many threads count at once.
 */
class AuditRecorderTalliesIntegrationTests extends AuditTestSupport {

	@Autowired
	AuditRecorderTallies tallies;

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void tokensIssuedAtTheTokenEndpointBecomeOneRowPerMinuteWithTheirCount() {
		Owner owner = newOwner();
		RegisteredApp app = serviceApp(owner.workspace(), "contacts.read");
		for (int i = 0; i < 25; i++) {
			clientCredentialsToken(app, "contacts.read");
		}

		this.tallies.flushAll();

		List<AuditEntry> rows = events("token.issued", app.app().clientId());
		assertThat(rows).as("one row a minute (two if the tokens straddled a minute)").hasSizeBetween(1, 2);
		assertThat(rows.stream().mapToInt(AuditEntry::count).sum()).isEqualTo(25);
		assertThat(rows).allSatisfy((row) -> {
			assertThat(row.at()).isEqualTo(row.at().truncatedTo(ChronoUnit.MINUTES));
			assertThat(row.detail()).isEqualTo("client_credentials");
			assertThat(row.actor()).isEqualTo(app.app().clientId());
			assertThat(row.workspace()).isEqualTo(owner.workspace());
			assertThat(row.app()).isEqualTo(app.app().id());
			assertThat(row.outcome()).isEqualTo("success");
		});
	}

	@Test
	void countsFromManyThreadsAtOnceAreNeitherLostNorDoubled() throws Exception {
		AppId app = AppId.random();
		WorkspaceId workspace = WorkspaceId.random();
		Instant minute = Instant.parse("2026-11-28T10:15:00Z");
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> counting = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				counting.add(threads.submit(() -> {
					for (int i = 0; i < 1_000; i++) {
						this.events.publishEvent(new OAuthEvents.TokenIssued(app, "mgapp-busy", workspace,
								"client_credentials", minute.plusMillis(i * 59)));
					}
				}));
			}
			for (Future<?> done : counting) {
				done.get();
			}
		}
		finally {
			threads.shutdown();
		}
		this.events.publishEvent(
				new OAuthEvents.TokenIssued(app, "mgapp-busy", workspace, "refresh_token", minute.plusSeconds(61)));

		this.tallies.flushAll();

		// the scheduled flush (on the real clock) may write the minute while the threads
		// still count into it: a minute can then be two rows, whose counts add up
		Map<List<Object>, Integer> perMinute = new LinkedHashMap<>();
		events("token.issued", "mgapp-busy")
			.forEach((row) -> perMinute.merge(List.of(row.at(), row.detail()), row.count(), Integer::sum));
		assertThat(perMinute).containsExactly(Map.entry(List.of(minute, "client_credentials"), 8_000),
				Map.entry(List.of(minute.plusSeconds(60), "refresh_token"), 1));
	}

	@Test
	void aMinuteIsWrittenOnceItHasEnded() {
		AppId app = AppId.random();
		Instant now = Instant.now();
		this.events.publishEvent(
				new OAuthEvents.TokenIssued(app, "mgapp-patient", WorkspaceId.random(), "client_credentials", now));

		this.tallies.flush(now);
		assertThat(events("token.issued", "mgapp-patient")).isEmpty();

		this.tallies.flush(now.plusSeconds(60));
		assertThat(events("token.issued", "mgapp-patient")).singleElement()
			.satisfies((row) -> assertThat(row.count()).isOne());
	}

	@Test
	void rateLimitRefusalsBecomeOneRowPerLimitClientAddressAndMinute() {
		Owner owner = newOwner();
		RegisteredApp app = serviceApp(owner.workspace(), "contacts.read");
		Instant now = Instant.now();
		for (int i = 0; i < 30; i++) {
			this.events.publishEvent(new RateLimited("token-endpoint", app.app().clientId(), "192.0.2.99", now));
		}
		this.events.publishEvent(new RateLimited("token-endpoint", app.app().clientId(), "192.0.2.98", now));
		this.events.publishEvent(new RateLimited("client-auth-client", app.app().clientId(), "192.0.2.99", now));

		this.tallies.flushAll();

		assertThat(events("ratelimit.hit", app.app().clientId()))
			.extracting(AuditEntry::detail, AuditEntry::ip, AuditEntry::count)
			.containsExactlyInAnyOrder(tuple("token-endpoint", "192.0.2.99", 30),
					tuple("token-endpoint", "192.0.2.98", 1), tuple("client-auth-client", "192.0.2.99", 1));
		assertThat(events("ratelimit.hit", app.app().clientId())).allSatisfy((row) -> {
			assertThat(row.outcome()).isEqualTo("refused");
			assertThat(row.workspace()).isEqualTo(owner.workspace());
			assertThat(row.app()).isEqualTo(app.app().id());
		});
	}

}
