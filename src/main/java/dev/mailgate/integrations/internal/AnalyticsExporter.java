package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.mailgate.campaigns.CampaignEvents.EngagementRecorded;
import dev.mailgate.campaigns.Campaigns;
import dev.mailgate.integrations.ConnectionId;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Pushes each enabled connection's new engagement events to its provider's events URL, in
 * the order of their ids, a batch at a time. A node claims an export before it works on
 * it (one node at a time); the cursor moves only when the endpoint accepted a batch, so a
 * failed batch is sent again, the same events with the same idempotency key (at least
 * once). 429 waits as long as {@code Retry-After} asks, other failures follow the retry
 * schedule, the last wait repeating; a connection that needs reconnecting pauses the
 * export until it is reconnected.
 */
@Component
class AnalyticsExporter implements DisposableBean {

	/** Batches per claim, so that one busy workspace does not keep a node to itself. */
	static final int MAX_BATCHES = 20;

	/** Longer than a few pushes with the provider's connect and read timeouts. */
	static final Duration CLAIM = Duration.ofMinutes(5);

	private static final Log log = LogFactory.getLog(AnalyticsExporter.class);

	private final JdbcAnalyticsExports exports;

	private final JdbcConnections connections;

	private final Campaigns campaigns;

	private final AnalyticsEndpoint endpoint;

	private final IntegrationsProperties.Analytics settings;

	private final Clock clock;

	private final ExecutorService pool = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "analytics-export");
		thread.setDaemon(true);
		return thread;
	});

	AnalyticsExporter(JdbcAnalyticsExports exports, JdbcConnections connections, Campaigns campaigns,
			AnalyticsEndpoint endpoint, IntegrationsProperties properties, Clock clock) {
		this.exports = exports;
		this.connections = connections;
		this.campaigns = campaigns;
		this.endpoint = endpoint;
		this.settings = properties.analytics();
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${mailgate.integrations.analytics.interval:10s}",
			fixedDelayString = "${mailgate.integrations.analytics.interval:10s}")
	void exportDue() {
		for (ConnectionId connection : this.exports.due(this.clock.instant(), 50)) {
			export(connection);
		}
	}

	/**
	 * "Send now": the export is due at once (skipping a retry's wait) and runs in the
	 * background.
	 * @return whether the export is enabled
	 */
	boolean sendNow(ConnectionId connection) {
		if (!this.exports.dueNow(connection, this.clock.instant())) {
			return false;
		}
		this.pool.execute(() -> export(connection));
		return true;
	}

	/**
	 * One run, if the export is due and no other node has it.
	 * @return whether this node ran it
	 */
	boolean export(ConnectionId id) {
		Instant now = this.clock.instant();
		Instant claim = now.plus(CLAIM).truncatedTo(ChronoUnit.MILLIS);
		if (!this.exports.claim(id, now, claim)) {
			return false;
		}
		try {
			run(id, claim);
		}
		catch (RuntimeException ex) {
			log.warn("Analytics export of connection " + id + " failed", ex);
			release(id, claim, "RETRYING", 1, "Mailgate could not export the events; it tries again later", null);
		}
		return true;
	}

	private void run(ConnectionId id, Instant claim) {
		AnalyticsExport export = this.exports.find(id).orElseThrow();
		Connection connection = this.connections.find(id).orElseThrow();
		String url = connection.provider().eventsUrl();
		if (url == null) {
			release(id, claim, "PAUSED", export.attempts(), "The provider has no events URL any more", null);
			return;
		}
		for (int batches = 0; batches < MAX_BATCHES; batches++) {
			List<EngagementRecorded> events = this.campaigns.engagementsAfter(export.workspace(), export.lastEventId(),
					this.settings.batchSize());
			if (events.isEmpty()) {
				break;
			}
			AnalyticsBatch batch = AnalyticsBatch.of(events, export.includeEmail());
			if (!pushed(export, connection, url, batch, claim)) {
				return;
			}
			export = this.exports.find(id).orElseThrow();
			if (events.size() < this.settings.batchSize()) {
				break;
			}
		}
		release(id, claim, "IDLE", 0, null, Duration.ZERO);
	}

	/**
	 * @return whether the endpoint accepted the batch (and the cursor moved past it)
	 */
	private boolean pushed(AnalyticsExport export, Connection connection, String url, AnalyticsBatch batch,
			Instant claim) {
		int attempts = export.attempts() + 1;
		try {
			AnalyticsEndpoint.Answer answer = this.endpoint.push(connection.id(), url, batch);
			if (answer instanceof AnalyticsEndpoint.Failed failed) {
				release(connection.id(), claim, "RETRYING", attempts, failed.detail(),
						(failed.retryAfter() != null) ? failed.retryAfter() : wait(attempts));
				return false;
			}
			return this.exports.exported(connection.id(), claim, batch.lastEvent(), batch.size(), this.clock.instant());
		}
		catch (ConnectionUnusable ex) {
			release(connection.id(), claim, "PAUSED", attempts,
					"Reconnect needed: %s refused Mailgate's access. ".formatted(connection.provider().name())
							+ "Reconnect the account on the Integrations page.",
					null);
			return false;
		}
		catch (ProviderUnavailable ex) {
			release(connection.id(), claim, "RETRYING", attempts,
					"%s did not renew the access token; it is tried again".formatted(connection.provider().name()),
					(ex.retryAfter() != null) ? ex.retryAfter() : wait(attempts));
			return false;
		}
	}

	/**
	 * The wait after the attempts so far, the schedule's last repeating.
	 */
	private Duration wait(int attempts) {
		List<Duration> schedule = this.settings.retrySchedule();
		return schedule.get(Math.min(attempts, schedule.size()) - 1);
	}

	/**
	 * @param wait until the next run; {@code null} for the schedule's longest
	 */
	private void release(ConnectionId id, Instant claim, String status, int attempts, @Nullable String error,
			@Nullable Duration wait) {
		List<Duration> schedule = this.settings.retrySchedule();
		Instant now = this.clock.instant();
		Duration next = (wait != null) ? wait : schedule.get(schedule.size() - 1);
		this.exports.release(id, claim, status, attempts, error, now.plus(next), now);
	}

	@Override
	public void destroy() {
		this.pool.shutdownNow();
	}

}
