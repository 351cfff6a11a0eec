package dev.mailgate.contacts.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.contacts.ContactNotFound;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.platform.DurableCommits;
import dev.mailgate.platform.TimeOrderedIds;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * CSV imports, kept in the database so that any node serves each step: uploads wait an
 * hour for their mapping ({@link ImportUploads}), imports show their progress for a day
 * after they end ({@link ImportJobs}). One import runs at a time per workspace, across
 * all nodes, so that two never race over the same contacts.
 */
@Service
class ContactImports {

	private static final int FILE_NAME = 255;

	private final Contacts contacts;

	private final ImportUploads uploads;

	private final ImportJobs jobs;

	private final ImportRejections rejections;

	private final ImportRunner runner;

	private final TransactionOperations transactions;

	private final DurableCommits durable;

	private final Clock clock;

	ContactImports(Contacts contacts, ImportUploads uploads, ImportJobs jobs, ImportRejections rejections,
			ImportRunner runner, TransactionOperations transactions, DurableCommits durable, Clock clock) {
		this.contacts = contacts;
		this.uploads = uploads;
		this.jobs = jobs;
		this.rejections = rejections;
		this.runner = runner;
		this.transactions = transactions;
		this.durable = durable;
		this.clock = clock;
	}

	/**
	 * Reads the file and keeps it for the mapping step.
	 * @throws CsvReading.UnreadableFile when it is no CSV file that can be imported
	 * @throws ImportUploads.UploadsFull when the workspace's waiting files leave no room
	 */
	CsvUpload upload(WorkspaceMember marketer, String fileName, byte[] bytes) {
		return this.uploads.save(marketer.workspace(), displayed(fileName), CsvReading.read(fileName, bytes));
	}

	Optional<CsvUpload> upload(WorkspaceMember marketer, String id) {
		return this.uploads.find(marketer.workspace(), id);
	}

	/**
	 * Starts importing the upload by the mapping, unless the workspace has an import
	 * running (on any node).
	 * @throws UploadGone when the upload was started already or expired meanwhile
	 */
	Optional<ImportJob> start(WorkspaceMember marketer, CsvUpload upload, ImportMapping mapping) {
		WorkspaceId workspace = marketer.workspace();
		ImportRows rows = new ImportRows(mapping, upload.header(), this.contacts.fields(workspace),
				this.contacts.lists(workspace), ConsentSources.imported(marketer));
		Instant now = this.clock.instant();
		ImportJob job = ImportJob.started(TimeOrderedIds.next(now), workspace, upload.fileName(), upload.rows(), now);
		String text;
		try {
			text = this.transactions.execute((status) -> {
				this.jobs.interruptSilent(workspace);
				this.jobs.insert(job);
				return this.uploads.take(workspace, upload.id()).orElseThrow(UploadGone::new);
			});
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty();
		}
		// on H2 a crash right after would take the claim back, and the import its page
		this.durable.flushAfterCommit();
		this.runner.run(job, text, upload.delimiter(), rows);
		return Optional.of(job);
	}

	ImportJob job(WorkspaceMember marketer, String id) {
		return ImportUploads.uuid(id)
			.flatMap((uuid) -> this.jobs.find(marketer.workspace(), uuid))
			.orElseThrow(() -> new ContactNotFound("This import"));
	}

	Optional<ImportJob> running(WorkspaceId workspace) {
		return this.jobs.running(workspace);
	}

	/**
	 * The workspace's last five imports, the latest first.
	 */
	List<ImportJob> recent(WorkspaceId workspace) {
		return this.jobs.recent(workspace);
	}

	/**
	 * The first rows the import rejected, by their line.
	 */
	List<ImportJob.Rejection> rejections(ImportJob job, int limit) {
		return this.rejections.first(job.id(), limit);
	}

	void eachRejection(ImportJob job, Consumer<ImportJob.Rejection> each) {
		this.rejections.each(job.id(), each);
	}

	/**
	 * The file's name without control characters, short enough to show and store.
	 */
	private static String displayed(String fileName) {
		String name = fileName.replaceAll("\\p{Cntrl}", "").strip();
		name = (name.length() > FILE_NAME) ? name.substring(0, FILE_NAME) : name;
		return name.isEmpty() ? "contacts.csv" : name;
	}

	/**
	 * The upload's import was started meanwhile (from another tab or node), or it
	 * expired.
	 */
	static final class UploadGone extends RuntimeException {

		UploadGone() {
			super("That upload is no longer here");
		}

	}

}
