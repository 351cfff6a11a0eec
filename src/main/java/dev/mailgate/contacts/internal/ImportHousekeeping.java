package dev.mailgate.contacts.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Clears what CSV imports leave in the database: uploads that waited an hour for their
 * mapping, imports that ended a day ago; and marks the imports whose node went silent as
 * interrupted. Every node runs it; running it twice at once does no harm, each step being
 * one conditional statement.
 */
@Component
class ImportHousekeeping {

	private static final Logger log = LoggerFactory.getLogger(ImportHousekeeping.class);

	private final ImportUploads uploads;

	private final ImportJobs jobs;

	ImportHousekeeping(ImportUploads uploads, ImportJobs jobs) {
		this.uploads = uploads;
		this.jobs = jobs;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
	void clear() {
		int uploads = this.uploads.deleteExpired();
		int interrupted = this.jobs.interruptSilent(null);
		int ended = this.jobs.deleteEnded();
		if (interrupted > 0) {
			log.warn("{} CSV import(s) interrupted: the node running them stopped answering", interrupted);
		}
		if (uploads + ended > 0) {
			log.debug("Deleted {} expired upload(s) and {} import(s) ended a day ago", uploads, ended);
		}
	}

}
