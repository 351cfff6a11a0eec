package dev.mailgate.audit.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log's storage rules (paging, filters, retention), run once on H2 and once on
 * PostgreSQL by the subclasses.
 */
abstract class AuditLogStorageContract {

	static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

	private TestDatabase database;

	private AuditLog auditLog;

	private final WorkspaceId workspace = WorkspaceId.random();

	abstract TestDatabase openDatabase();

	@BeforeEach
	void migrate() {
		this.database = openDatabase();
		this.auditLog = new AuditLog(this.database.jdbc());
	}

	@AfterEach
	void drop() {
		this.database.close();
	}

	@Test
	void pagesNewestFirstAndResumesWhereAPageEnded() {
		List<AuditEntry> appended = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			appended.add(append(event(AuditKind.SIGNIN_SUCCEEDED, NOW.plusSeconds(i))));
		}
		// two events of one instant (aggregated rows share the minute's start)
		appended.add(append(event(AuditKind.TOKEN_ISSUED, NOW.plusSeconds(3))));
		appended.add(append(event(AuditKind.RATELIMIT_HIT, NOW.plusSeconds(3))));

		List<AuditEntry> read = new ArrayList<>();
		AuditLogCursor cursor = null;
		int pages = 0;
		do {
			AuditLogPage page = this.auditLog.page(everything(), cursor, 4);
			read.addAll(page.entries());
			cursor = page.next();
			pages++;
		}
		while (cursor != null);

		assertThat(pages).isEqualTo(3);
		assertThat(read).extracting(AuditEntry::id)
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(appended.stream().map(AuditEntry::id).toList());
		assertThat(read).extracting(AuditEntry::at).isSortedAccordingTo((a, b) -> b.compareTo(a));
	}

	@Test
	void readsBackEveryColumn() {
		AppId app = AppId.random();
		AuditEntry written = append(AuditEntry.of(AuditKind.TOKEN_ISSUED, NOW)
			.withActor("mgapp-ledger")
			.withWorkspace(this.workspace)
			.withApp(app, "mgapp-ledger")
			.withOrigin("2001:db8::1", "curl/8.5.0")
			.withDetail("client_credentials")
			.withCount(42));

		assertThat(this.auditLog.page(everything(), null, 10).entries()).containsExactly(written);
	}

	@Test
	void keepsWorkspacesApartAndShowsEventsOfNoWorkspaceOnlyWhenAsked() {
		AuditEntry mine = append(event(AuditKind.SIGNIN_FAILED, NOW));
		AuditEntry nobodys = append(event(AuditKind.SIGNIN_FAILED, NOW).withWorkspace(null));
		append(event(AuditKind.SIGNIN_FAILED, NOW).withWorkspace(WorkspaceId.random()));

		assertThat(this.auditLog.page(everything(), null, 10).entries()).containsExactly(mine);
		assertThat(this.auditLog.page(AuditLogQuery.everything(this.workspace, true), null, 10).entries())
			.containsExactlyInAnyOrder(mine, nobodys);
	}

	@Test
	void filtersByKindOrCategoryOutcomeAppActorAddressAndTime() {
		AppId app = AppId.random();
		AuditEntry rotated = append(
				event(AuditKind.SECRET_ROTATED, NOW.minus(Duration.ofDays(2))).withApp(app, "mgapp-one")
					.withActor("Ada@Example.com")
					.withOrigin("203.0.113.7", null));
		AuditEntry revoked = append(
				event(AuditKind.SECRET_REVOKED, NOW.minus(Duration.ofDays(1))).withApp(AppId.random(), "mgapp-two")
					.withActor("grace@example.com")
					.withOrigin("198.51.100.7", null));
		AuditEntry failed = append(
				event(AuditKind.SIGNIN_FAILED, NOW).withActor("ada@example.com").withOrigin("203.0.113.70", null));

		assertThat(matching(query(List.of("secret.rotated"), null, null, null, null, null, null, null)))
			.containsExactly(rotated);
		assertThat(matching(query(AuditCategory.SECRETS.kinds(), null, null, null, null, null, null, null)))
			.containsExactly(revoked, rotated);
		assertThat(matching(query(List.of(), "failure", null, null, null, null, null, null))).containsExactly(failed);
		assertThat(matching(query(List.of(), null, app, null, null, null, null, null))).containsExactly(rotated);
		assertThat(matching(query(List.of(), null, null, "mgapp-two", null, null, null, null)))
			.containsExactly(revoked);
		assertThat(matching(query(List.of(), null, null, null, "ADA@", null, null, null))).containsExactly(failed,
				rotated);
		assertThat(matching(query(List.of(), null, null, null, null, "203.0.113.7", null, null)))
			.containsExactly(failed, rotated);
		assertThat(matching(query(List.of(), null, null, null, null, null, NOW.minus(Duration.ofDays(1)), NOW)))
			.containsExactly(revoked);
	}

	@Test
	void likeWildcardsInFiltersAreTakenLiterally() {
		AuditEntry underscore = append(event(AuditKind.SIGNIN_FAILED, NOW).withActor("a_b@example.com"));
		append(event(AuditKind.SIGNIN_FAILED, NOW).withActor("axb@example.com"));

		assertThat(matching(query(List.of(), null, null, null, "a_b", null, null, null))).containsExactly(underscore);
		assertThat(matching(query(List.of(), null, null, null, "%", null, null, null))).isEmpty();
	}

	@Test
	void purgeDeletesOnlyEventsOlderThanTheCutoffABatchAtATime() {
		for (int i = 0; i < 5; i++) {
			append(event(AuditKind.SIGNIN_FAILED, NOW.minus(Duration.ofDays(400)).plusSeconds(i)));
		}
		AuditEntry atTheCutoff = append(event(AuditKind.SIGNIN_FAILED, NOW.minus(Duration.ofDays(365))));
		AuditEntry recent = append(event(AuditKind.SIGNIN_FAILED, NOW));

		Instant cutoff = NOW.minus(Duration.ofDays(365));
		assertThat(this.auditLog.purgeBatch(cutoff, 2)).isEqualTo(2);
		assertThat(this.auditLog.purgeBatch(cutoff, 2)).isEqualTo(2);
		assertThat(this.auditLog.purgeBatch(cutoff, 2)).isEqualTo(1);
		assertThat(this.auditLog.purgeBatch(cutoff, 2)).isZero();
		assertThat(matching(everything())).containsExactly(recent, atTheCutoff);
	}

	@Test
	void valuesLongerThanTheirColumnAreCut() {
		append(event(AuditKind.SIGNIN_FAILED, NOW).withActor("a".repeat(500) + "@example.com")
			.withOrigin("203.0.113.7", "Agent/" + "x".repeat(1000))
			.withDetail("d".repeat(3000)));

		AuditEntry stored = matching(everything()).get(0);
		assertThat(stored.actor()).hasSize(400).endsWith("…");
		assertThat(stored.userAgent()).hasSize(400);
		assertThat(stored.detail()).hasSize(2000);
	}

	private AuditEntry event(AuditKind kind, Instant at) {
		return AuditEntry.of(kind, at.truncatedTo(ChronoUnit.MICROS)).withWorkspace(this.workspace);
	}

	private AuditEntry append(AuditEntry entry) {
		this.auditLog.append(entry);
		return entry;
	}

	private AuditLogQuery everything() {
		return AuditLogQuery.everything(this.workspace, false);
	}

	private AuditLogQuery query(List<String> kinds, String outcome, AppId app, String clientId, String actor, String ip,
			Instant since, Instant until) {
		return new AuditLogQuery(this.workspace, false, kinds, outcome, app, clientId, actor, ip, since, until);
	}

	private List<AuditEntry> matching(AuditLogQuery query) {
		return this.auditLog.page(query, null, 100).entries();
	}

}
