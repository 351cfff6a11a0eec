package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.util.UUID;

import dev.mailgate.integrations.ConnectionId;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code mailgate.integrations.sync.poll-interval}, on every node: resumes runs
 * whose wait is over, takes over runs whose node went silent (it died mid-run), and
 * starts the runs that connections' schedules ask for. Conditional updates let one node
 * win each.
 */
@Component
class SyncPoller {

	private static final Log log = LogFactory.getLog(SyncPoller.class);

	private final SyncRuns runs;

	private final JdbcSyncSettings settings;

	private final Clock clock;

	SyncPoller(SyncRuns runs, JdbcSyncSettings settings, Clock clock) {
		this.runs = runs;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${mailgate.integrations.sync.poll-interval:5s}",
			fixedDelayString = "${mailgate.integrations.sync.poll-interval:5s}")
	void poll() {
		for (UUID id : this.runs.due()) {
			this.runs.dispatch(id);
		}
		for (ConnectionId connection : this.settings.scheduleDue(this.clock.instant())) {
			if (this.settings.claimScheduled(connection, this.clock.instant())) {
				startScheduled(connection);
			}
		}
	}

	private void startScheduled(ConnectionId connection) {
		try {
			this.runs.start(connection, "schedule");
		}
		catch (ConnectionUnusable ex) {
			log.info("Scheduled sync of connection " + connection + " not started: " + ex.getMessage());
		}
	}

}
