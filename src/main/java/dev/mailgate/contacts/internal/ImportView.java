package dev.mailgate.contacts.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * An import as its pages show it.
 *
 * @param percent how much is done, 100 only when finished
 * @param failure why it stopped early, or {@code null}
 */
public record ImportView(String id, String fileName, String started, boolean running, int percent, int total,
		int processed, int created, int updated, int rejected, @Nullable String failure) {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM, HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	static ImportView of(ImportJob job) {
		return new ImportView(job.id().toString(), job.fileName(), TIME.format(job.startedAt()), job.running(),
				job.percent(), job.total(), job.processed(), job.created(), job.updated(), job.rejected(),
				job.failure());
	}

}
