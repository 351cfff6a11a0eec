package dev.mailgate.audit.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.support.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the embedded database reads a page of a workspace's audit log: along
 * {@code audit_events_workspace_ix}, sorting at most the events of one instant, never all
 * of the workspace's events for every page (docs/benchmarks.md, "Contacts API", for the
 * same trap).
 */
class AuditLogPlanTests {

	static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

	@TempDir
	Path directory;

	private TestDatabase database;

	private final WorkspaceId workspace = WorkspaceId.random();

	private final List<UUID> events = new ArrayList<>();

	@BeforeEach
	void workspaceWithThousandsOfEvents() {
		this.database = TestDatabase.h2(this.directory);
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			// every third event shares its instant with the one before, as a minute's
			// tallies do
			Instant at = NOW.plusSeconds(i - i / 3);
			UUID id = TimeOrderedIds.next(at);
			this.events.add(id);
			rows.add(new Object[] { id, at.atOffset(ZoneOffset.UTC), this.workspace.value() });
			rows.add(new Object[] { TimeOrderedIds.next(at), at.atOffset(ZoneOffset.UTC), UUID.randomUUID() });
		}
		new JdbcTemplate(this.database.dataSource()).batchUpdate("""
				insert into audit_events (id, at, kind, outcome, actor, workspace_id)
				values (?, ?, 'signin.succeeded', 'success', 'ada@example.com', ?)""", rows);
		this.database.jdbc().sql("analyze").update();
	}

	@AfterEach
	void close() {
		this.database.close();
	}

	@Test
	void firstAndNextPagesOfAWorkspaceAreReadInIndexOrder() {
		AuditLogCursor middle = new AuditLogCursor(NOW.plusSeconds(1_000), this.events.get(1_500));
		for (AuditLogCursor after : new AuditLogCursor[] { null, middle }) {
			String plan = plan(AuditLogQuery.everything(this.workspace, false), after);

			assertThat(plan).contains("audit_events_workspace_ix").contains("index sorted: 2 of 3 columns");
		}
	}

	@Test
	void pagesOfAWorkspaceHoldItsEventsNewestFirstAcrossSharedInstants() {
		AuditLog log = new AuditLog(this.database.jdbc());
		List<AuditEntry> read = new ArrayList<>();
		AuditLogCursor cursor = null;
		do {
			AuditLogPage page = log.page(AuditLogQuery.everything(this.workspace, false), cursor, 250);
			read.addAll(page.entries());
			cursor = page.next();
		}
		while (cursor != null);

		assertThat(read).extracting(AuditEntry::id)
			.hasSize(3_000)
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(this.events);
		assertThat(read).extracting(AuditEntry::at).isSortedAccordingTo((a, b) -> b.compareTo(a));
	}

	private String plan(AuditLogQuery query, @Nullable AuditLogCursor after) {
		List<Object> params = new ArrayList<>();
		String sql = AuditLog.pageStatement(query, after, params);
		params.add(51);
		return this.database.jdbc().sql("explain " + sql).params(params).query(String.class).single();
	}

}
