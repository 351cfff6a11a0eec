package dev.mailgate.contacts.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.accounts.Role;
import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.platform.DurableCommits;
import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * CSV imports behind a load balancer: the upload, the mapping, the start and the progress
 * of one import may each reach another node. A second {@link ContactImports} on the same
 * database stands for a second node; the pages are served by this one.
 */
class ContactImportNodesIntegrationTests extends ContactPagesTestSupport {

	static final String FILE = "email,first_name\nada@example.com,Ada\ngrace@example.com,Grace\n";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate template;

	@Autowired
	ImportRunner runner;

	@Autowired
	TransactionOperations transactions;

	@Autowired
	DurableCommits durable;

	@Test
	void uploadTakenByOneNodeIsMappedAndStartedOnAnotherWhichShowsTheProgressBack() {
		String mapping = upload(FILE);
		String uploadId = mapping.substring("/contacts/import/".length());
		ContactImports otherNode = node(Clock.systemUTC(), 100_000_000L);

		CsvUpload upload = otherNode.upload(marketer(), uploadId).orElseThrow();
		assertThat(upload.fileName()).isEqualTo("contacts.csv");
		assertThat(upload.header()).containsExactly("email", "first_name");
		assertThat(upload.samples()).containsExactly(List.of("ada@example.com", "Ada"),
				List.of("grace@example.com", "Grace"));
		ImportJob job = otherNode.start(marketer(), upload, ImportMapping.guess(upload.header(), List.of(), List.of()))
			.orElseThrow();

		assertThat(finished(job.id().toString())).containsEntry("state", "done")
			.containsEntry("created", 2)
			.containsEntry("processed", 2);
		assertThat(this.contacts.findByEmail(this.workspace, "grace@example.com")).isPresent();
		assertThat(get(mapping)).as("the upload is used up, on every node")
			.hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/contacts/import");
	}

	@Test
	void uploadMadeOnAnotherNodeShowsItsMappingPageHere() {
		CsvUpload upload = node(Clock.systemUTC(), 100_000_000L).upload(marketer(), "elsewhere.csv",
				FILE.getBytes(StandardCharsets.UTF_8));

		assertThat(get("/contacts/import/" + upload.id())).hasStatusOk()
			.bodyText()
			.contains("elsewhere.csv", "2 contacts", "grace@example.com");
	}

	@Test
	void secondImportInTheWorkspaceIsRefusedWhileAnotherNodeRunsOne() {
		ImportJob elsewhere = running(node(Clock.systemUTC(), 100_000_000L), Instant.now());

		MvcTestResult refused = post(upload(FILE), "column0", "email");

		assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("Another import is running in this workspace");
		assertThat(get("/contacts/import")).bodyText()
			.contains("An import is running", "/contacts/import/jobs/" + elsewhere.id());
		assertThat(this.contacts.findByEmail(this.workspace, "ada@example.com")).isEmpty();
	}

	@Test
	void startRefusedOnAnotherNodeLeavesTheUploadWaiting() {
		ContactImports otherNode = node(Clock.systemUTC(), 100_000_000L);
		running(otherNode, Instant.now());
		CsvUpload upload = otherNode.upload(marketer(), "contacts.csv", FILE.getBytes(StandardCharsets.UTF_8));

		Optional<ImportJob> second = otherNode.start(marketer(), upload,
				ImportMapping.guess(upload.header(), List.of(), List.of()));

		assertThat(second).isEmpty();
		assertThat(otherNode.upload(marketer(), upload.id())).isPresent();
	}

	@Test
	void importWhoseNodeWentSilentShowsInterruptedAndFreesTheWorkspace() {
		ImportJob silent = running(node(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2)), 100_000_000L),
				Instant.now().minus(Duration.ofMinutes(2)));

		assertThat(OAuthFlows.json(get("/contacts/import/jobs/" + silent.id() + "/status")))
			.containsEntry("state", "interrupted")
			.containsEntry("percent", 100);
		assertThat(get("/contacts/import/jobs/" + silent.id())).bodyText()
			.contains("The import of contacts.csv stopped",
					"the Mailgate server running it stopped; those rows are imported");
		assertThat(get("/contacts/import")).bodyText()
			.doesNotContain("An import is running")
			.contains("Stopped early: summary");

		String next = post(upload(FILE), "column0", "email", "column1", "first_name").getResponse().getRedirectedUrl();
		assertThat(next).startsWith("/contacts/import/jobs/");
		assertThat(finished(next.substring("/contacts/import/jobs/".length()))).containsEntry("state", "done");
		assertThat(this.jdbc.sql("select state from contacts_imports where id = ?")
			.param(silent.id())
			.query(String.class)
			.single()).isEqualTo("interrupted");
	}

	@Test
	void uploadBeyondTheWorkspacesRoomIsRefusedWithAClearMessage() {
		ContactImports smallNode = node(Clock.systemUTC(), 100);
		smallNode.upload(marketer(), "first.csv", FILE.getBytes(StandardCharsets.UTF_8));

		assertThatThrownBy(() -> smallNode.upload(marketer(), "second.csv", FILE.getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(ImportUploads.UploadsFull.class)
			.hasMessageContaining("no room for another now")
			.hasMessageContaining("upload this file again in an hour");
	}

	@Test
	void uploadPageSaysSoWhenTheWorkspacesWaitingFilesLeaveNoRoom() {
		// a file as large as the room, waiting for its mapping (its size is what counts)
		this.jdbc.sql("""
				insert into contacts_import_uploads (id, workspace_id, file_name, content, content_size, cell_delimiter,
				header_cells, sample_rows, rows_total, uploaded_at) values (?, ?, 'huge.csv', 'email', 100000000, ',',
				'["email"]', '[]', 1, ?)""")
			.params(UUID.randomUUID(), this.workspace.value(), OffsetDateTime.now(ZoneOffset.UTC))
			.update();

		assertThat(uploadResult(FILE)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("no room for another now", "upload this file again in an hour");
	}

	/**
	 * Another node on the same database, with its clock and its bound on waiting uploads.
	 */
	private ContactImports node(Clock clock, long uploadsLimit) {
		ContactsProperties properties = new ContactsProperties(2, uploadsLimit, Duration.ofSeconds(30));
		return new ContactImports(this.contacts, new ImportUploads(this.jdbc, clock, properties),
				new ImportJobs(this.jdbc, clock, properties), new ImportRejections(this.jdbc, this.template),
				this.runner, this.transactions, this.durable, clock);
	}

	/**
	 * An import the other node runs, by its row: as the node writes it when it starts.
	 */
	private ImportJob running(ContactImports node, Instant startedAt) {
		ImportJob job = ImportJob.started(TimeOrderedIds.next(startedAt), this.workspace, "contacts.csv", 40_000,
				startedAt);
		new ImportJobs(this.jdbc, Clock.fixed(startedAt, ZoneOffset.UTC),
				new ContactsProperties(2, 1, Duration.ofSeconds(30)))
			.insert(job);
		assertThat(node.running(this.workspace)).isPresent();
		return job;
	}

	private WorkspaceMember marketer() {
		return new WorkspaceMember(this.accounts.personByEmail(this.email).orElseThrow(), this.workspace, "Workspace",
				Role.OWNER);
	}

	/**
	 * Uploads the file on the import page and answers the mapping page's path.
	 */
	private String upload(String file) {
		MvcTestResult result = uploadResult(file);
		assertThat(result).hasStatus(HttpStatus.FOUND);
		return result.getResponse().getRedirectedUrl();
	}

	private MvcTestResult uploadResult(String file) {
		return this.mvc.post()
			.uri("/contacts/import")
			.multipart()
			.file(new MockMultipartFile("file", "contacts.csv", "text/csv", file.getBytes(StandardCharsets.UTF_8)))
			.session(this.session)
			.with(csrf())
			.exchange();
	}

}
