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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

/**
 * Runs an import in the background: reads the file's rows, converts them by the mapping,
 * and upserts them {@link Contacts#MAX_BATCH} at a time, counting each row's outcome on
 * its {@link ImportJob}.
 */
@Component
class ImportRunner {

	private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

	private static final int ATTEMPTS = 3;

	private final Contacts contacts;

	private final ImportLookups lookups;

	ImportRunner(Contacts contacts, ImportLookups lookups) {
		this.contacts = contacts;
		this.lookups = lookups;
	}

	@Async
	void run(ImportJob job, CsvUpload upload, ImportRows rows) {
		try {
			Map<String, Long> seen = new HashMap<>();
			List<ImportRows.Row> batch = new ArrayList<>();
			CsvReading.each(upload.text(), upload.delimiter(), (record) -> {
				if (record.getRecordNumber() == 1 || CsvReading.blank(record.toList())) {
					return;
				}
				ImportRows.Row row = rows.convert(record.getRecordNumber(), record.toList());
				if (!row.errors().isEmpty()) {
					job.reject(row.line(), row.email(), reasons(rows, row.errors()));
					return;
				}
				String email = Objects.requireNonNull(ContactRules.normalizeEmail(row.email()));
				Long first = seen.putIfAbsent(email, row.line());
				if (first != null) {
					job.reject(row.line(), row.email(), "the same email is on line %d already".formatted(first));
					return;
				}
				batch.add(row);
				if (batch.size() == Contacts.MAX_BATCH) {
					write(job, batch, rows);
					batch.clear();
				}
			});
			write(job, batch, rows);
			job.finish();
		}
		catch (RuntimeException ex) {
			log.error("Import {} of workspace {} stopped after {} rows", job.id(), job.workspace().value(),
					job.processed(), ex);
			job.fail(
					"The import stopped after %,d of %,d rows; those are imported. Upload the file again to import the rest."
						.formatted(job.processed(), job.total()));
		}
	}

	private void write(ImportJob job, List<ImportRows.Row> batch, ImportRows rows) {
		if (batch.isEmpty()) {
			return;
		}
		Map<String, ImportLookups.Known> known = this.lookups.byEmail(job.workspace(),
				batch.stream().map((row) -> String.valueOf(ContactRules.normalizeEmail(row.email()))).toList());
		List<ImportRows.Row> merged = batch.stream()
			.map((row) -> row
				.merged(known.getOrDefault(ContactRules.normalizeEmail(row.email()), ImportLookups.Known.NOTHING)))
			.toList();
		List<BatchItemResult> results = upsert(job, merged);
		for (int i = 0; i < results.size(); i++) {
			BatchItemResult result = results.get(i);
			ImportRows.Row row = merged.get(i);
			if (result.contact() == null) {
				job.reject(row.line(), row.email(), reasons(rows, result.errors()));
			}
			else if (BatchItemResult.CREATED.equals(result.outcome())) {
				job.created();
			}
			else {
				job.updated();
			}
		}
	}

	/**
	 * A batch that lost a race with other writers three times running is given up (its
	 * rows rejected), not the whole import.
	 */
	private List<BatchItemResult> upsert(ImportJob job, List<ImportRows.Row> batch) {
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
