package dev.mailgate.cli.internal;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * An import's progress on standard error: a bar redrawn in place on a terminal (bytes
 * read of the file's size, contacts a second, counts), plain lines now and then
 * otherwise, for logs.
 */
final class ImportProgress {

	private static final int BAR = 24;

	private static final long REDRAW_NANOS = Duration.ofMillis(100).toNanos();

	private final PrintWriter err;

	private final boolean terminal;

	private final long size;

	private final long everyNanos;

	private final long started = System.nanoTime();

	private long shown;

	private int drawn;

	/**
	 * @param terminal whether {@code err} is a terminal
	 * @param size the file's size in bytes
	 * @param every how often to print a line when it is not a terminal
	 */
	ImportProgress(PrintWriter err, boolean terminal, long size, Duration every) {
		this.err = err;
		this.terminal = terminal;
		this.size = Math.max(size, 1);
		this.everyNanos = every.toNanos();
		// the bar shows from the first batch on, a line only once the interval has passed
		this.shown = terminal ? this.started - REDRAW_NANOS : this.started;
	}

	void show(long bytesRead, ImportSummary summary) {
		long now = System.nanoTime();
		if (now - this.shown < (this.terminal ? REDRAW_NANOS : this.everyNanos)) {
			return;
		}
		this.shown = now;
		if (this.terminal) {
			draw(bytesRead, summary);
		}
		else {
			this.err.println("%,d contacts (%d%% of %s), %s a second: %s".formatted(summary.done(), percent(bytesRead),
					megabytes(this.size), rate(summary, now), summary.counts()));
			this.err.flush();
		}
	}

	void finish(long bytesRead, ImportSummary summary) {
		if (this.terminal) {
			draw(bytesRead, summary);
			this.err.println();
			this.err.flush();
		}
	}

	private void draw(long bytesRead, ImportSummary summary) {
		int filled = (int) (BAR * percent(bytesRead) / 100);
		String line = "[%s%s] %3d%%  %s of %s  %s contacts/s  %s".formatted("#".repeat(filled),
				"-".repeat(BAR - filled), percent(bytesRead), megabytes(bytesRead), megabytes(this.size),
				rate(summary, System.nanoTime()), summary.counts());
		this.err.print("\r" + line + " ".repeat(Math.max(0, this.drawn - line.length())));
		this.err.flush();
		this.drawn = line.length();
	}

	private long percent(long bytesRead) {
		return Math.min(100, bytesRead * 100 / this.size);
	}

	private String rate(ImportSummary summary, long now) {
		double seconds = Math.max(now - this.started, 1) / 1e9;
		return "%,d".formatted(Math.round(summary.done() / seconds));
	}

	private static String megabytes(long bytes) {
		return "%.1f MB".formatted(bytes / 1_000_000.0);
	}

}
