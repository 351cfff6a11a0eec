package dev.mailgate.campaigns.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.EngagementKind;
import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the embedded database reads a page of the engagement events feed: along
 * {@code campaigns_events_workspace_ix}, stopping at the page's end, never by sorting
 * every event after the cursor (docs/benchmarks.md, "Contacts API", for the same trap).
 */
class EventsApiFeedPlanTests {

	static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

	@TempDir
	Path directory;

	private TestDatabase database;

	private final WorkspaceId workspace = WorkspaceId.random();

	private final UUID campaign = UUID.randomUUID();

	@BeforeEach
	void campaignWithThousandsOfEvents() {
		this.database = TestDatabase.h2(this.directory);
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		jdbc.update("insert into accounts_workspaces (id, name, created_at) values (?, 'Big', ?)",
				this.workspace.value(), NOW.atOffset(ZoneOffset.UTC));
		jdbc.update("""
				insert into campaigns_campaigns (id, workspace_id, name, status, archive_slug, created_at, updated_at)
				values (?, ?, 'Launch', 'SENT', 'launch', ?, ?)""", this.campaign, this.workspace.value(),
				NOW.atOffset(ZoneOffset.UTC), NOW.atOffset(ZoneOffset.UTC));
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			Instant at = NOW.plusMillis(i);
			rows.add(new Object[] { TimeOrderedIds.next(at), this.workspace.value(), this.campaign, UUID.randomUUID(),
					(i % 2 == 0) ? "opened" : "clicked", at.atOffset(ZoneOffset.UTC) });
		}
		jdbc.batchUpdate("""
				insert into campaigns_events (id, workspace_id, campaign_id, contact_id, kind, at)
				values (?, ?, ?, ?, ?, ?)""", rows);
		jdbc.execute("analyze");
	}

	@AfterEach
	void close() {
		this.database.close();
	}

	static Stream<Arguments> pages() {
		EventsApiCursor start = new EventsApiCursor(new UUID(0, 0));
		EventsApiCursor later = new EventsApiCursor(EventsApiFeed.firstIdAt(NOW.plusSeconds(1)));
		EventsApiFeed.Filter all = new EventsApiFeed.Filter(null, null, null);
		EventsApiFeed.Filter since = new EventsApiFeed.Filter(null, null, NOW.plusSeconds(2));
		EventsApiFeed.Filter clicks = new EventsApiFeed.Filter(EngagementKind.CLICKED, null, null);
		return Stream.of(Arguments.of("first page", all, start), Arguments.of("next page", all, later),
				Arguments.of("since a time", since, start), Arguments.of("clicks only", clicks, later));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pages")
	void pageIsReadInTheOrderOfTheWorkspaceIndexWithoutSortingTheFeed(String page, EventsApiFeed.Filter filter,
			EventsApiCursor cursor) {
		EventsApiFeed.Query query = EventsApiFeed.query(this.workspace, filter, cursor, NOW.plusSeconds(60), 100);

		String plan = this.database.jdbc()
			.sql("explain " + query.sql())
			.params(query.parameters())
			.query(String.class)
			.single();

		assertThat(plan).as(page).contains("campaigns_events_workspace_ix").endsWith("/* index sorted */");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pages")
	void pageHoldsTheFeedsNextEventsInOrder(String page, EventsApiFeed.Filter filter, EventsApiCursor cursor) {
		EventsApiFeed.Query query = EventsApiFeed.query(this.workspace, filter, cursor, NOW.plusSeconds(60), 100);

		List<UUID> ids = this.database.jdbc()
			.sql(query.sql())
			.params(query.parameters())
			.query((rs, row) -> rs.getObject("id", UUID.class))
			.list();

		assertThat(ids).as(page).hasSize(100).isSorted().allMatch((id) -> id.compareTo(cursor.after()) > 0);
	}

}
