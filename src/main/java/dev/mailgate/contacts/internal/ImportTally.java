package dev.mailgate.contacts.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.mailgate.contacts.Contacts;

/**
 * The counts of a running import as its node keeps them between two writes of its row,
 * with the rows rejected since the last write. One thread, the import's, uses it.
 */
final class ImportTally {

	private final UUID job;

	private final List<ImportJob.Rejection> pending = new ArrayList<>();

	private int processed;

	private int created;

	private int updated;

	private int rejected;

	private int written;

	ImportTally(UUID job) {
		this.job = job;
	}

	void addCreated() {
		this.created++;
		this.processed++;
	}

	void addUpdated() {
		this.updated++;
		this.processed++;
	}

	/**
	 * Counts a rejected row; the first {@link ImportJob#MAX_REJECTIONS} are kept with
	 * their reason.
	 */
	void reject(long line, String email, String reason) {
		if (this.rejected < ImportJob.MAX_REJECTIONS) {
			this.pending.add(new ImportJob.Rejection(line, email, reason));
		}
		this.rejected++;
		this.processed++;
	}

	/**
	 * Whether a batch's worth of rows went by since the last write.
	 */
	boolean due() {
		return this.processed - this.written >= Contacts.MAX_BATCH;
	}

	/**
	 * The rejections to write with the counts, which count as written from now on.
	 */
	List<ImportJob.Rejection> written() {
		List<ImportJob.Rejection> rejections = List.copyOf(this.pending);
		this.pending.clear();
		this.written = this.processed;
		return rejections;
	}

	UUID job() {
		return this.job;
	}

	int processed() {
		return this.processed;
	}

	int created() {
		return this.created;
	}

	int updated() {
		return this.updated;
	}

	int rejected() {
		return this.rejected;
	}

}
