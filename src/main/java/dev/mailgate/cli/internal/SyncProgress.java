package dev.mailgate.cli.internal;

import java.io.PrintWriter;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * A sync's progress on standard error: a bar redrawn in place on a terminal (a share of
 * the total when the provider told it, a moving marker otherwise), plain lines now and
 * then for logs; and the summary at the end.
 */
final class SyncProgress {

	private static final int BAR = 24;

	private final PrintWriter err;

	private final boolean terminal;

	private final long everyNanos;

	private long shown = System.nanoTime();

	private int drawn;

	private int tick;

	SyncProgress(PrintWriter err, boolean terminal, Duration every) {
		this.err = err;
		this.terminal = terminal;
		this.everyNanos = every.toNanos();
		this.shown -= this.everyNanos;
	}

	void show(JsonNode run) {
		if (this.terminal) {
			draw(run);
			return;
		}
		long now = System.nanoTime();
		if (now - this.shown >= this.everyNanos) {
			this.shown = now;
			this.err.println(line(run));
			this.err.flush();
		}
	}

	void finish(JsonNode run) {
		if (this.terminal) {
			draw(run);
			this.err.println();
			this.err.flush();
		}
	}

	private void draw(JsonNode run) {
		String line = bar(run) + "  " + line(run);
		this.err.print("\r" + line + " ".repeat(Math.max(0, this.drawn - line.length())));
		this.err.flush();
		this.drawn = line.length();
	}

	private String bar(JsonNode run) {
		if (run.path("percent").isNumber()) {
			int percent = run.path("percent").asInt();
			int filled = BAR * percent / 100;
			return "[%s%s] %3d%%".formatted("#".repeat(filled), "-".repeat(BAR - filled), percent);
		}
		// no total from the provider: a marker that moves to show it is alive
		int at = this.tick++ % (BAR - 2);
		return "[%s<=>%s]     ".formatted(" ".repeat(at), " ".repeat(BAR - 3 - at));
	}

	static String line(JsonNode run) {
		long fetched = run.path("fetched").asLong();
		String of = run.path("total").isNumber() ? " of %,d".formatted(run.path("total").asLong()) : "";
		String line = "%s: %,d%s contacts, %,d created, %,d updated, %,d not imported".formatted(
				run.path("status").asString(), fetched, of, run.path("created").asLong(), run.path("updated").asLong(),
				run.path("failed").asLong());
		if ("waiting".equals(run.path("status").asString())) {
			line += " — the provider is unavailable, retrying at " + run.path("next_attempt_at").asString();
		}
		return line;
	}

	static void summary(PrintWriter out, String label, JsonNode run) {
		String status = run.path("status").asString();
		out.println("Sync of %s %s after %s s".formatted(label, status, run.path("duration_seconds").isNumber()
				? "%.1f".formatted(run.path("duration_seconds").asDouble()) : "?"));
		out.println("  %,d created, %,d updated, %,d unchanged or skipped, %,d not imported (%,d contacts read)"
			.formatted(run.path("created").asLong(), run.path("updated").asLong(), run.path("skipped").asLong(),
					run.path("failed").asLong(), run.path("fetched").asLong()));
		if (run.path("attempts").asInt() > 0) {
			out.println(
					"  the provider failed %d requests; they were tried again".formatted(run.path("attempts").asInt()));
		}
		run.path("failures").forEach((failure) -> out.println("  not imported: " + failure.asString()));
		if (!"succeeded".equals(status) && !run.path("last_error").isNull()) {
			out.println("  " + run.path("last_error").asString());
		}
	}

}
