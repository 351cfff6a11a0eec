package dev.mailgate.accounts.internal;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Deletes expired sign-in sessions once a minute, on every node. It runs on the
 * application's scheduler rather than Spring Session's own (switched off with
 * {@code spring.session.jdbc.cleanup-cron: "-"}), so that while the database is away its
 * failures are logged once a minute like every other job's, not with a stack trace each
 * time. Nodes deleting at once do no harm: each deletes what is expired and still there.
 */
@Component
class SessionCleanup {

	private final JdbcIndexedSessionRepository sessions;

	SessionCleanup(JdbcIndexedSessionRepository sessions) {
		this.sessions = sessions;
	}

	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	void deleteExpiredSessions() {
		this.sessions.cleanUpExpiredSessions();
	}

}
