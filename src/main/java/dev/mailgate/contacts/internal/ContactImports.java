package dev.mailgate.contacts.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.contacts.ContactNotFound;
import dev.mailgate.contacts.Contacts;

import org.springframework.stereotype.Service;

/**
 * CSV imports, kept in this node's memory: uploads waiting for their mapping (an hour),
 * and imports running or done (a day after they were last looked at). One import runs at
 * a time per workspace, so that two never race over the same contacts.
 */
@Service
class ContactImports {

	/**
	 * Uploads waiting for their mapping hold at most this many characters in all.
	 */
	static final long UPLOADS_WEIGHT = 400_000_000L;

	private final Cache<String, CsvUpload> uploads = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofHours(1))
		.maximumWeight(UPLOADS_WEIGHT)
		.<String, CsvUpload>weigher((id, upload) -> upload.text().length())
		.build();

	private final Cache<String, ImportJob> jobs = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofDays(1))
		.maximumSize(10_000)
		.build();

	private final Contacts contacts;

	private final ImportRunner runner;

	private final Clock clock;

	ContactImports(Contacts contacts, ImportRunner runner, Clock clock) {
		this.contacts = contacts;
		this.runner = runner;
		this.clock = clock;
	}

	/**
	 * Reads the file and keeps it for the mapping step.
	 * @throws CsvReading.UnreadableFile when it is no CSV file that can be imported
	 */
	CsvUpload upload(WorkspaceMember marketer, String fileName, byte[] bytes) {
		CsvReading.Read read = CsvReading.read(fileName, bytes);
		CsvUpload upload = new CsvUpload(UUID.randomUUID().toString(), marketer.workspace(), fileName, read.text(),
				read.delimiter(), read.header(), read.samples(), read.rows(), this.clock.instant());
		this.uploads.put(upload.id(), upload);
		return upload;
	}

	Optional<CsvUpload> upload(WorkspaceMember marketer, String id) {
		return Optional.ofNullable(this.uploads.getIfPresent(id))
			.filter((upload) -> upload.workspace().equals(marketer.workspace()));
	}

	/**
	 * Starts importing the upload by the mapping, unless the workspace has an import
	 * running.
	 */
	synchronized Optional<ImportJob> start(WorkspaceMember marketer, CsvUpload upload, ImportMapping mapping) {
		if (running(marketer.workspace()).isPresent()) {
			return Optional.empty();
		}
		ImportRows rows = new ImportRows(mapping, upload.header(), this.contacts.fields(marketer.workspace()),
				this.contacts.lists(marketer.workspace()), ConsentSources.imported(marketer));
		ImportJob job = new ImportJob(UUID.randomUUID().toString(), marketer.workspace(), upload.fileName(),
				upload.rows(), this.clock.instant());
		this.jobs.put(job.id(), job);
		this.uploads.invalidate(upload.id());
		this.runner.run(job, upload, rows);
		return Optional.of(job);
	}

	ImportJob job(WorkspaceMember marketer, String id) {
		return Optional.ofNullable(this.jobs.getIfPresent(id))
			.filter((job) -> job.workspace().equals(marketer.workspace()))
			.orElseThrow(() -> new ContactNotFound("This import"));
	}

	Optional<ImportJob> running(WorkspaceId workspace) {
		return recent(workspace).stream().filter(ImportJob::running).findFirst();
	}

	/**
	 * The workspace's imports this node remembers, the latest first.
	 */
	List<ImportJob> recent(WorkspaceId workspace) {
		return this.jobs.asMap()
			.values()
			.stream()
			.filter((job) -> job.workspace().equals(workspace))
			.sorted(Comparator.comparing(ImportJob::startedAt).reversed())
			.limit(5)
			.toList();
	}

}
