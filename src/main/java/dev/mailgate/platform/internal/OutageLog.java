package dev.mailgate.platform.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;

/**
 * One warning a minute about the database being away, however many requests or jobs run
 * into it, with the root cause's message instead of a stack trace.
 */
final class OutageLog {

	private static final long PAUSE_NANOS = 60_000_000_000L;

	private final Log log;

	private final AtomicLong nextLog = new AtomicLong(System.nanoTime());

	OutageLog(Log log) {
		this.log = log;
	}

	void warn(String what, Throwable failure) {
		long now = System.nanoTime();
		long due = this.nextLog.get();
		if (now - due >= 0 && this.nextLog.compareAndSet(due, now + PAUSE_NANOS)) {
			this.log.warn("The database cannot be reached; " + what + " (logged once a minute): " + rootCause(failure));
		}
	}

	static String rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
