package dev.mailgate.contacts.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mailgate.accounts.WorkspaceId;
import org.jspecify.annotations.Nullable;

/**
 * A CSV import running in the background, or finished: how far it got, what it created
 * and updated, and each row it rejected with the reason.
 */
final class ImportJob {

	/**
	 * Rejected rows kept for the summary and its download; a file of nothing but bad rows
	 * keeps its first ones.
	 */
	static final int MAX_REJECTIONS = 100_000;

	enum State {

		RUNNING, DONE, FAILED

	}

	private final String id;

	private final WorkspaceId workspace;

	private final String fileName;

	private final int total;

	private final Instant startedAt;

	private final AtomicInteger processed = new AtomicInteger();

	private final AtomicInteger created = new AtomicInteger();

	private final AtomicInteger updated = new AtomicInteger();

	private final AtomicInteger rejected = new AtomicInteger();

	private final List<Rejection> rejections = new ArrayList<>();

	private volatile State state = State.RUNNING;

	private volatile @Nullable String failure;

	ImportJob(String id, WorkspaceId workspace, String fileName, int total, Instant startedAt) {
		this.id = id;
		this.workspace = workspace;
		this.fileName = fileName;
		this.total = total;
		this.startedAt = startedAt;
	}

	void created() {
		this.created.incrementAndGet();
		this.processed.incrementAndGet();
	}

	void updated() {
		this.updated.incrementAndGet();
		this.processed.incrementAndGet();
	}

	void reject(long line, String email, String reason) {
		this.rejected.incrementAndGet();
		this.processed.incrementAndGet();
		synchronized (this.rejections) {
			if (this.rejections.size() < MAX_REJECTIONS) {
				this.rejections.add(new Rejection(line, email, reason));
			}
		}
	}

	void finish() {
		this.state = State.DONE;
	}

	void fail(String why) {
		this.failure = why;
		this.state = State.FAILED;
	}

	/**
	 * Up to 100, with 100 only once every row is done.
	 */
	int percent() {
		if (this.state != State.RUNNING) {
			return 100;
		}
		return (this.total == 0) ? 0 : Math.min(99, (int) (this.processed.get() * 100L / this.total));
	}

	/**
	 * What the progress endpoint answers.
	 */
	Map<String, Object> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("state", this.state.name().toLowerCase(java.util.Locale.ROOT));
		status.put("percent", percent());
		status.put("total", this.total);
		status.put("processed", this.processed.get());
		status.put("created", this.created.get());
		status.put("updated", this.updated.get());
		status.put("rejected", this.rejected.get());
		return status;
	}

	List<Rejection> rejections() {
		synchronized (this.rejections) {
			return List.copyOf(this.rejections);
		}
	}

	String id() {
		return this.id;
	}

	WorkspaceId workspace() {
		return this.workspace;
	}

	String fileName() {
		return this.fileName;
	}

	int total() {
		return this.total;
	}

	Instant startedAt() {
		return this.startedAt;
	}

	int processed() {
		return this.processed.get();
	}

	int createdCount() {
		return this.created.get();
	}

	int updatedCount() {
		return this.updated.get();
	}

	int rejectedCount() {
		return this.rejected.get();
	}

	boolean running() {
		return this.state == State.RUNNING;
	}

	boolean failed() {
		return this.state == State.FAILED;
	}

	@Nullable String failure() {
		return this.failure;
	}

	/**
	 * A row that was not imported, and why.
	 */
	public record Rejection(long line, String email, String reason) {
	}

}
