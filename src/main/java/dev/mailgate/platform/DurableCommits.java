package dev.mailgate.platform;

/**
 * Makes a commit survive a crash of this process (kill -9, out of memory) before the
 * caller acts on it. PostgreSQL's commits are durable as they return; the embedded H2
 * writes committed transactions to its file in the background, up to half a second later,
 * so a crash right after a commit can take it back. A module calls this where that would
 * break a promise: a campaign's claim on recipients before their messages go to SMTP (or
 * a crash would send them again), a batch of contacts before it is acknowledged.
 */
public interface DurableCommits {

	/**
	 * Once the current transaction has committed (at once when there is none), makes
	 * everything committed so far survive a crash of this process.
	 */
	void flushAfterCommit();

}
