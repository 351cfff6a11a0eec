package dev.mailgate.contacts.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.contacts.ContactQuery;
import dev.mailgate.contacts.SubscriptionStatus;
import dev.mailgate.contacts.internal.JdbcContacts.ContactFilter;
import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.support.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the embedded database reads a page of contacts: along
 * {@code contacts_contacts_updated_ix}, never by sorting the workspace. Sorting cost one
 * to five seconds a page at a million contacts (docs/benchmarks.md, "Contacts API").
 */
class ContactListingPlanTests {

	static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

	static final UUID AFTER = UUID.fromString("01900000-0000-7000-8000-000000000000");

	@TempDir
	Path directory;

	private TestDatabase database;

	private final WorkspaceId workspace = WorkspaceId.random();

	@BeforeEach
	void workspaceOfThousandsOfContacts() {
		this.database = openDatabase();
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		jdbc.update("insert into accounts_workspaces (id, name, created_at) values (?, 'Big', ?)",
				this.workspace.value(), NOW.atOffset(ZoneOffset.UTC));
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			rows.add(new Object[] { TimeOrderedIds.next(NOW.plusMillis(i)), this.workspace.value(),
					"c" + i + "@example.com", NOW.atOffset(ZoneOffset.UTC),
					NOW.plusMillis(i).atOffset(ZoneOffset.UTC) });
		}
		jdbc.batchUpdate("""
				insert into contacts_contacts (id, workspace_id, email, status, version, created_at, updated_at)
				values (?, ?, ?, 'SUBSCRIBED', 1, ?, ?)""", rows);
		jdbc.execute("analyze");
	}

	TestDatabase openDatabase() {
		return TestDatabase.h2(this.directory);
	}

	@AfterEach
	void close() {
		this.database.close();
	}

	static Stream<Arguments> listings() {
		ContactQuery all = ContactQuery.all();
		ContactQuery subscribed = new ContactQuery(null, null, SubscriptionStatus.SUBSCRIBED, null, null);
		ContactQuery since = new ContactQuery(null, null, null, NOW.plusSeconds(1), null);
		ContactQuery tagged = new ContactQuery(null, "vip", null, null, null);
		ContactQuery search = new ContactQuery(null, null, null, null, "ada");
		ListingCursor oldestNext = new ListingCursor(NOW.plusSeconds(1), AFTER, false);
		ListingCursor newestNext = new ListingCursor(NOW.plusSeconds(1), AFTER, true);
		return Stream.of(Arguments.of("first page, oldest first", all, null, false),
				Arguments.of("first page, newest first (the contacts page)", all, null, true),
				Arguments.of("next page, oldest first (an API sync)", all, oldestNext, false),
				Arguments.of("next page, newest first", all, newestNext, true),
				Arguments.of("changed since (incremental sync)", since, null, false),
				Arguments.of("changed since, next page", since, oldestNext, false),
				Arguments.of("by status", subscribed, null, true), Arguments.of("by tag", tagged, null, false),
				Arguments.of("by search, next page", search, newestNext, true));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("listings")
	void pageIsReadInTheOrderOfTheListingIndexWithoutSortingTheWorkspace(String listing, ContactQuery query,
			@Nullable ListingCursor cursor, boolean newestFirst) {
		ContactFilter filter = ContactFilter.of(this.workspace, query);
		if (cursor != null) {
			filter.after(cursor);
		}

		String plan = this.database.jdbc()
			.sql("explain " + filter.listing(newestFirst, 101))
			.params(filter.parameters())
			.query(String.class)
			.single();

		assertThat(plan).as(listing).contains("contacts_contacts_updated_ix").endsWith("/* index sorted */");
	}

}
