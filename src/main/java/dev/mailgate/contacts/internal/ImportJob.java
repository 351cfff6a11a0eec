package dev.mailgate.contacts.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import org.jspecify.annotations.Nullable;

/**
 * A CSV import as its row in {@code contacts_imports} says: running, or ended, how far it
 * got, what it created and updated and how many rows it rejected.
 *
 * @param failure why it stopped early, or {@code null}
 */
record ImportJob(UUID id, WorkspaceId workspace, String fileName, State state, int total, int processed, int created,
		int updated, int rejected, @Nullable String failure, Instant startedAt) {

	/**
	 * Rejected rows kept for the summary and its download; a file of nothing but bad rows
	 * keeps its first ones.
	 */
	static final int MAX_REJECTIONS = 100_000;

	enum State {

		RUNNING, DONE, FAILED,

		/**
		 * The node running it stopped (a crash, a restart) before it ended.
		 */
		INTERRUPTED

	}

	static ImportJob started(UUID id, WorkspaceId workspace, String fileName, int total, Instant at) {
		return new ImportJob(id, workspace, fileName, State.RUNNING, total, 0, 0, 0, 0, null, at);
	}

	boolean running() {
		return this.state == State.RUNNING;
	}

	/**
	 * Why it stopped early, in words for the marketer, or {@code null} when it did not.
	 */
	@Override
	public @Nullable String failure() {
		if (this.state == State.INTERRUPTED && this.failure == null) {
			return ("The import stopped after %,d of %,d rows because the Mailgate server running it stopped; "
					+ "those rows are imported. Upload the file again to import the rest: rows already imported "
					+ "are updated, not doubled.")
				.formatted(this.processed, this.total);
		}
		return this.failure;
	}

	/**
	 * Up to 100, with 100 only once every row is done.
	 */
	int percent() {
		if (!running()) {
			return 100;
		}
		return (this.total == 0) ? 0 : Math.min(99, (int) (this.processed * 100L / this.total));
	}

	/**
	 * What the progress endpoint answers.
	 */
	Map<String, Object> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("state", this.state.name().toLowerCase(Locale.ROOT));
		status.put("percent", percent());
		status.put("total", this.total);
		status.put("processed", this.processed);
		status.put("created", this.created);
		status.put("updated", this.updated);
		status.put("rejected", this.rejected);
		return status;
	}

	/**
	 * A row that was not imported, and why.
	 */
	public record Rejection(long line, String email, String reason) {
	}

}
