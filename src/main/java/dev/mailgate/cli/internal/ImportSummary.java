package dev.mailgate.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What an import did so far: contacts created and updated, lines rejected with their
 * reasons, columns skipped, and why it stopped early if it did.
 */
final class ImportSummary {

	/** Rejected lines listed in the text summary; {@code --json} lists them all. */
	private static final int LISTED = 100;

	record Rejection(long line, String email, List<String> reasons) {
	}

	private final String file;

	private final List<String> skippedColumns;

	private final List<Rejection> rejections = new ArrayList<>();

	private long created;

	private long updated;

	private @Nullable String stopped;

	ImportSummary(String file, List<String> skippedColumns) {
		this.file = file;
		this.skippedColumns = skippedColumns;
	}

	void created() {
		this.created++;
	}

	void updated() {
		this.updated++;
	}

	void reject(long line, String email, List<String> reasons) {
		this.rejections.add(new Rejection(line, email, reasons));
	}

	/**
	 * The import ends early; a second reason joins the first.
	 */
	void stop(String reason) {
		this.stopped = (this.stopped == null) ? reason : this.stopped + "; " + reason;
	}

	boolean stopped() {
		return this.stopped != null;
	}

	long done() {
		return this.created + this.updated + this.rejections.size();
	}

	String counts() {
		return "%,d created, %,d updated, %,d rejected".formatted(this.created, this.updated, this.rejections.size());
	}

	/** 0 when every line was imported, 1 when some were not. */
	int exitCode() {
		return (this.rejections.isEmpty() && this.stopped == null) ? 0 : 1;
	}

	void print(PrintWriter out) {
		this.rejections.sort(Comparator.comparingLong(Rejection::line));
		out.println("Imported %s: %s.".formatted(this.file, counts()));
		if (!this.skippedColumns.isEmpty()) {
			out.println("Skipped columns: " + String.join(", ", this.skippedColumns));
		}
		if (!this.rejections.isEmpty()) {
			out.println("Rejected lines:");
			this.rejections.stream()
				.limit(LISTED)
				.forEach((rejected) -> out.println("  line %d%s: %s".formatted(rejected.line(),
						rejected.email().isEmpty() ? "" : " (" + rejected.email() + ")",
						String.join("; ", rejected.reasons()))));
			if (this.rejections.size() > LISTED) {
				out.println("  … and %,d more (--json lists them all)".formatted(this.rejections.size() - LISTED));
			}
		}
		if (this.stopped != null) {
			out.println("Stopped: " + this.stopped);
		}
		out.flush();
	}

	void printJson(PrintWriter out) {
		this.rejections.sort(Comparator.comparingLong(Rejection::line));
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("file", this.file);
		json.put("created", this.created);
		json.put("updated", this.updated);
		json.put("rejected", this.rejections.size());
		json.put("rejections", this.rejections);
		json.put("skipped_columns", this.skippedColumns);
		if (this.stopped != null) {
			json.put("stopped", this.stopped);
		}
		out.println(Connection.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
		out.flush();
	}

}
