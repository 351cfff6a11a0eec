package dev.mailgate.contacts.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.mailgate.contacts.BatchItemResult;
import dev.mailgate.contacts.ConcurrentWrite;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.FieldError;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

/**
 * Runs an import in the background: reads the file's rows, converts them by the mapping,
 * and upserts them {@link Contacts#MAX_BATCH} at a time, writing the job's counts and the
 * rows it rejected after each batch (in {@link ImportJobs}, where any node reads them).
 */
@Component
class ImportRunner {

	private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

	private static final int ATTEMPTS = 3;

	private final Contacts contacts;

	private final ImportLookups lookups;

	private final ImportBookkeeping books;

	ImportRunner(Contacts contacts, ImportLookups lookups, ImportBookkeeping books) {
		this.contacts = contacts;
		this.lookups = lookups;
		this.books = books;
	}

	/**
	 * Imports the file's rows, writing the job's progress after each batch.
	 * @param text the uploaded file, decoded
	 */
	@Async
	void run(ImportJob job, String text, char delimiter, ImportRows rows) {
		ImportTally tally = new ImportTally(job.id());
		this.books.started(tally);
		try {
			rows(job, text, delimiter, rows, tally);
			this.books.done(tally);
		}
		catch (ImportJobs.ImportLost ex) {
			log.warn("Import {} of workspace {} was given up for interrupted while this node ran it; it stops",
					job.id(), job.workspace().value());
			this.books.lost(tally);
		}
		catch (RuntimeException ex) {
			log.error("Import {} of workspace {} stopped after {} rows", job.id(), job.workspace().value(),
					tally.processed(), ex);
			this.books.failed(tally,
					"The import stopped after %,d of %,d rows; those are imported. Upload the file again to import the rest."
						.formatted(tally.processed(), job.total()));
		}
	}

	private void rows(ImportJob job, String text, char delimiter, ImportRows rows, ImportTally tally) {
		Map<String, Long> seen = new HashMap<>();
		List<ImportRows.Row> batch = new ArrayList<>();
		CsvReading.each(text, delimiter, (record) -> {
			if (record.getRecordNumber() == 1 || CsvReading.blank(record.toList())) {
				return;
			}
			ImportRows.Row row = rows.convert(record.getRecordNumber(), record.toList());
			String rejected = rejection(row, rows, seen);
			if (rejected != null) {
				tally.reject(row.line(), row.email(), rejected);
			}
			else {
				batch.add(row);
			}
			if (batch.size() == Contacts.MAX_BATCH || tally.due()) {
				write(job, batch, rows, tally);
				batch.clear();
			}
		});
		write(job, batch, rows, tally);
	}

	/**
	 * Why the row is not imported, or {@code null} when it goes into a batch.
	 */
	private static @Nullable String rejection(ImportRows.Row row, ImportRows rows, Map<String, Long> seen) {
		if (!row.errors().isEmpty()) {
			return reasons(rows, row.errors());
		}
		Long first = seen.putIfAbsent(Objects.requireNonNull(ContactRules.normalizeEmail(row.email())), row.line());
		return (first != null) ? "the same email is on line %d already".formatted(first) : null;
	}

	/**
	 * Upserts the batch (when there is one) and writes the progress.
	 */
	private void write(ImportJob job, List<ImportRows.Row> batch, ImportRows rows, ImportTally tally) {
		if (!batch.isEmpty()) {
			upsert(job, batch, rows, tally);
		}
		this.books.progress(tally);
	}

	private void upsert(ImportJob job, List<ImportRows.Row> batch, ImportRows rows, ImportTally tally) {
		Map<String, ImportLookups.Known> known = this.lookups.byEmail(job.workspace(),
				batch.stream().map((row) -> String.valueOf(ContactRules.normalizeEmail(row.email()))).toList());
		List<ImportRows.Row> merged = batch.stream()
			.map((row) -> row
				.merged(known.getOrDefault(ContactRules.normalizeEmail(row.email()), ImportLookups.Known.NOTHING)))
			.toList();
		List<BatchItemResult> results = attempts(job, merged);
		for (int i = 0; i < results.size(); i++) {
			BatchItemResult result = results.get(i);
			ImportRows.Row row = merged.get(i);
			if (result.contact() == null) {
				tally.reject(row.line(), row.email(), reasons(rows, result.errors()));
			}
			else if (BatchItemResult.CREATED.equals(result.outcome())) {
				tally.addCreated();
			}
			else {
				tally.addUpdated();
			}
		}
	}

	/**
	 * A batch that lost a race with other writers three times running is given up (its
	 * rows rejected), not the whole import.
	 */
	private List<BatchItemResult> attempts(ImportJob job, List<ImportRows.Row> batch) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.contacts.upsertAll(job.workspace(), batch.stream().map(ImportRows.Row::changes).toList());
			}
			catch (ConcurrentWrite ex) {
				if (attempt == ATTEMPTS) {
					return batch.stream()
						.map((row) -> new BatchItemResult(0, BatchItemResult.ERROR, null,
								List.of(new FieldError("email",
										"the contact was being changed by someone else; import this row again"))))
						.toList();
				}
			}
		}
	}

	private static String reasons(ImportRows rows, List<FieldError> errors) {
		return String.join("; ", errors.stream().map(rows::reason).toList());
	}

}
