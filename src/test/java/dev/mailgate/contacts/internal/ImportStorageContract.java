package dev.mailgate.contacts.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where CSV imports keep what every node must see (waiting uploads, running and ended
 * imports, their rejected rows), run once on H2 and once on PostgreSQL by the subclasses.
 */
abstract class ImportStorageContract {

	static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

	static final ContactsProperties PROPERTIES = new ContactsProperties(2, 1_000_000, Duration.ofSeconds(30));

	private TestDatabase database;

	private JdbcClient jdbc;

	private final WorkspaceId workspace = WorkspaceId.random();

	abstract TestDatabase openDatabase();

	@BeforeEach
	void migrate() {
		this.database = openDatabase();
		this.jdbc = this.database.jdbc();
	}

	@AfterEach
	void drop() {
		this.database.close();
	}

	@Test
	void uploadIsFoundWithItsHeaderAndSamplesAndTakenOnce() {
		String text = "email,name\n" + "ünïcødé@example.com,Zoë 😀\n".repeat(20_000);
		CsvUpload saved = uploads(NOW).save(this.workspace, "contacts.csv",
				CsvReading.read("contacts.csv", text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

		CsvUpload found = uploads(NOW.plusSeconds(60)).find(this.workspace, saved.id()).orElseThrow();

		assertThat(found).isEqualTo(saved);
		assertThat(found.samples()).first().isEqualTo(List.of("ünïcødé@example.com", "Zoë 😀"));
		assertThat(found.rows()).isEqualTo(20_000);
		assertThat(uploads(NOW).find(WorkspaceId.random(), saved.id())).as("another workspace's").isEmpty();
		assertThat(uploads(NOW).take(this.workspace, saved.id())).contains(text);
		assertThat(uploads(NOW).take(this.workspace, saved.id())).as("taken already").isEmpty();
		assertThat(uploads(NOW).find(this.workspace, saved.id())).isEmpty();
		assertThat(uploads(NOW).find(this.workspace, "not-an-id")).isEmpty();
	}

	@Test
	void uploadsExpireAfterAnHourAndNoLongerCountAgainstTheRoom() {
		CsvUpload old = uploads(NOW).save(this.workspace, "old.csv", read(600_000));

		assertThatThrownBy(() -> uploads(NOW.plusSeconds(60)).save(this.workspace, "new.csv", read(600_000)))
			.isInstanceOf(ImportUploads.UploadsFull.class);
		uploads(NOW.plusSeconds(60)).save(WorkspaceId.random(), "elsewhere.csv", read(600_000));
		assertThat(uploads(NOW.plus(ImportUploads.KEPT)).find(this.workspace, old.id())).isEmpty();
		uploads(NOW.plus(ImportUploads.KEPT).plusSeconds(1)).save(this.workspace, "new.csv", read(600_000));
		assertThat(uploads(NOW.plus(ImportUploads.KEPT)).deleteExpired()).isEqualTo(1);
	}

	@Test
	void oneImportRunsAtATimePerWorkspaceUntilItEnds() {
		ImportJob first = started(NOW);
		jobs(NOW).insert(first);

		assertThatThrownBy(() -> jobs(NOW).insert(started(NOW))).isInstanceOf(DuplicateKeyException.class);
		jobs(NOW).insert(ImportJob.started(UUID.randomUUID(), WorkspaceId.random(), "other.csv", 5, NOW));
		ImportTally tally = new ImportTally(first.id());
		tally.addCreated();
		tally.reject(3, "bad", "Email: 'bad' is not an email address");
		jobs(NOW.plusSeconds(1)).progress(tally);
		assertThat(jobs(NOW.plusSeconds(1)).running(this.workspace)).get()
			.extracting(ImportJob::processed, ImportJob::created, ImportJob::rejected)
			.containsExactly(2, 1, 1);
		jobs(NOW.plusSeconds(2)).end(tally, ImportJob.State.DONE, null);

		assertThat(jobs(NOW).running(this.workspace)).isEmpty();
		assertThat(jobs(NOW).find(this.workspace, first.id())).get()
			.extracting(ImportJob::state)
			.isEqualTo(ImportJob.State.DONE);
		jobs(NOW.plusSeconds(3)).insert(started(NOW.plusSeconds(3)));
	}

	@Test
	void importWhoseNodeWentSilentIsInterruptedAndItsNodeCannotWriteAgain() {
		ImportJob silent = started(NOW);
		jobs(NOW).insert(silent);
		jobs(NOW.plusSeconds(25)).heartbeat(List.of(silent.id()));

		assertThat(jobs(NOW.plusSeconds(50)).find(this.workspace, silent.id()).orElseThrow().state())
			.isEqualTo(ImportJob.State.RUNNING);
		assertThat(jobs(NOW.plusSeconds(56)).find(this.workspace, silent.id()).orElseThrow().state())
			.isEqualTo(ImportJob.State.INTERRUPTED);
		assertThat(jobs(NOW.plusSeconds(56)).running(this.workspace)).isEmpty();
		assertThat(jobs(NOW.plusSeconds(56)).interruptSilent(null)).isGreaterThanOrEqualTo(1);
		jobs(NOW.plusSeconds(57)).insert(started(NOW.plusSeconds(57)));
		assertThatThrownBy(() -> jobs(NOW.plusSeconds(58)).progress(new ImportTally(silent.id())))
			.isInstanceOf(ImportJobs.ImportLost.class);
	}

	@Test
	void rejectedRowsAreKeptByLineAndGoWithTheirImportADayAfterItEnded() {
		ImportJob job = started(NOW);
		jobs(NOW).insert(job);
		ImportRejections rejections = new ImportRejections(this.jdbc, new JdbcTemplate(this.database.dataSource()));
		rejections.add(job.id(), List.of(new ImportJob.Rejection(9, "x", "late"),
				new ImportJob.Rejection(2, "y".repeat(5000), "early")));
		jobs(NOW).end(new ImportTally(job.id()), ImportJob.State.FAILED, "stopped");

		assertThat(rejections.first(job.id(), 1)).singleElement()
			.satisfies((first) -> assertThat(first.email()).hasSize(1000).endsWith("…"));
		List<Long> lines = new ArrayList<>();
		rejections.each(job.id(), (rejection) -> lines.add(rejection.line()));
		assertThat(lines).containsExactly(2L, 9L);
		assertThat(jobs(NOW.plus(ImportJobs.KEPT)).deleteEnded()).isZero();
		assertThat(jobs(NOW.plus(ImportJobs.KEPT).plusSeconds(1)).deleteEnded()).isEqualTo(1);
		assertThat(rejections.first(job.id(), 10)).isEmpty();
	}

	private ImportJob started(Instant at) {
		return ImportJob.started(UUID.randomUUID(), this.workspace, "contacts.csv", 1000, at);
	}

	private ImportUploads uploads(Instant now) {
		return new ImportUploads(this.jdbc, Clock.fixed(now, ZoneOffset.UTC), PROPERTIES);
	}

	private ImportJobs jobs(Instant now) {
		return new ImportJobs(this.jdbc, Clock.fixed(now, ZoneOffset.UTC), PROPERTIES);
	}

	private static CsvReading.Read read(int characters) {
		String row = "someone@example.com\n";
		return CsvReading.read("contacts.csv",
				("email\n" + row.repeat(characters / row.length())).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}
