package dev.mailgate.webhooks.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the embedded database reads a page of a subscription's delivery log: along
 * {@code webhooks_deliveries_subscription_ix}, never by sorting every delivery of the
 * subscription (docs/benchmarks.md, "Contacts API", for the same trap).
 */
class WebhookDeliveriesPlanTests {

	static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

	@TempDir
	Path directory;

	private TestDatabase database;

	private final UUID subscription = UUID.randomUUID();

	private final List<UUID> deliveries = new ArrayList<>();

	@BeforeEach
	void subscriptionWithThousandsOfDeliveries() {
		this.database = TestDatabase.h2(this.directory);
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		UUID workspace = UUID.randomUUID();
		jdbc.update("insert into accounts_workspaces (id, name, created_at) values (?, 'Big', ?)", workspace,
				NOW.atOffset(ZoneOffset.UTC));
		jdbc.update(
				"""
						insert into webhooks_subscriptions (id, workspace_id, client_id, url, events, enabled, secret,
						secret_prefix, created_at, updated_at) values (?, ?, 'crm', 'https://crm.example/hook', 'contact.updated',
						true, 'sealed', 'whsec_ab', ?, ?)""",
				this.subscription, workspace, NOW.atOffset(ZoneOffset.UTC), NOW.atOffset(ZoneOffset.UTC));
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			UUID id = TimeOrderedIds.next(NOW.plusMillis(i));
			this.deliveries.add(id);
			rows.add(new Object[] { id, this.subscription, NOW.plusMillis(i).atOffset(ZoneOffset.UTC) });
		}
		jdbc.batchUpdate("""
				insert into webhooks_deliveries (id, subscription_id, event_type, payload, status, created_at)
				values (?, ?, 'contact.updated', '{}', 'SUCCEEDED', ?)""", rows);
		jdbc.execute("analyze");
	}

	@AfterEach
	void close() {
		this.database.close();
	}

	@Test
	void firstAndNextPagesAreReadInIndexOrderWithoutSortingTheLog() {
		for (UUID before : List.of(JdbcDeliveries.AFTER_EVERY_ID, this.deliveries.get(1_500))) {
			String plan = this.database.jdbc()
				.sql("explain " + JdbcDeliveries.page(50))
				.param("s", this.subscription)
				.param("before", before)
				.query(String.class)
				.single();

			assertThat(plan).contains("webhooks_deliveries_subscription_ix").endsWith("/* index sorted */");
		}
	}

	@Test
	void firstPageHoldsTheNewestDeliveriesAndTheNextPageThoseBefore() {
		JdbcDeliveries store = new JdbcDeliveries(this.database.jdbc());

		List<UUID> first = store.of(this.subscription, null, 50).stream().map(Delivery::id).toList();
		List<UUID> next = store.of(this.subscription, first.get(49), 50).stream().map(Delivery::id).toList();

		List<UUID> newestFirst = new ArrayList<>(this.deliveries);
		Collections.reverse(newestFirst);
		assertThat(first).containsExactlyElementsOf(newestFirst.subList(0, 50));
		assertThat(next).containsExactlyElementsOf(newestFirst.subList(50, 100));
	}

}
