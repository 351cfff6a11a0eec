package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

import dev.mailgate.contacts.Contacts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs a claimed sync run to its end: page after page from its cursor, each written with
 * the run's progress ({@link SyncPageWriter}). A provider that fails or asks to slow down
 * is tried again after the waits of {@code mailgate.integrations.sync.retry-schedule} (or
 * its {@code Retry-After}); after the last the run waits, and the poller resumes it later
 * from its cursor; after {@link #MAX_WAITS} waits in a row it fails.
 */
@Component
class ContactSync implements DisposableBean {

	static final int MAX_WAITS = 3;

	private static final Log log = LogFactory.getLog(ContactSync.class);

	private final JdbcSyncRuns runs;

	private final JdbcConnections connections;

	private final SyncConfiguration configuration;

	private final SyncPageWriter writer;

	private final SyncEnd end;

	private final IntegrationsProperties.Sync properties;

	private final Clock clock;

	private final ExecutorService fetches = SyncNode.threads("contact-sync-fetch");

	ContactSync(JdbcSyncRuns runs, JdbcConnections connections, SyncConfiguration configuration, SyncPageWriter writer,
			SyncEnd end, IntegrationsProperties properties, Clock clock) {
		this.runs = runs;
		this.connections = connections;
		this.configuration = configuration;
		this.writer = writer;
		this.end = end;
		this.properties = properties.sync();
		this.clock = clock;
	}

	/**
	 * Works on a run this node claimed, until it ends, waits, or another node takes it.
	 */
	void execute(UUID id, String node) {
		SyncRun run = this.runs.find(id).orElse(null);
		Connection connection = (run != null) ? this.connections.find(run.connection()).orElse(null) : null;
		if (run == null || connection == null) {
			return; // disconnected meanwhile: the run went with the connection
		}
		try {
			pages(run, connection, node);
		}
		catch (ConnectionUnusable ex) {
			this.end.failed(run, node, "Reconnect needed: " + ex.getMessage());
		}
		catch (SourceRefused ex) {
			this.end.failed(run, node, ex.getMessage());
		}
		catch (SyncPageWriter.RunLost | Interrupted ex) {
			log.info("Sync run " + id + " stopped on this node: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("Sync run " + id + " failed", ex);
			this.end.failed(run, node, "Mailgate could not finish the sync (" + ex.getClass().getSimpleName() + ")");
		}
	}

	private void pages(SyncRun started, Connection connection, String node) {
		SyncConfiguration.Resolved setup = this.configuration.resolve(connection);
		if (started.total() == null && started.cursor() == null) {
			total(started, connection, setup.source(), node);
		}
		SyncRun run = started;
		int size = Math.min(this.properties.pageSize(), Contacts.MAX_BATCH);
		CompletableFuture<Fetched> next = prefetch(run, connection, setup, run.cursor(), size, node);
		while (true) {
			Fetched fetched = join(next);
			ContactSource.Page page = fetched.page();
			if (page == null) {
				this.end.waitOrFail(run, node, fetched.until(), fetched.reason());
				return;
			}
			// the next page is read while this one is written: the provider and the
			// database work at the same time
			if (page.nextCursor() != null) {
				next = prefetch(run, connection, setup, page.nextCursor(), size, node);
			}
			this.writer.write(run, node, page, setup.mapping(), setup.consentSource(), setup.settings().list());
			if (page.nextCursor() == null) {
				this.end.succeeded(run, node);
				return;
			}
			run = this.runs.find(run.id()).orElseThrow(SyncPageWriter.RunLost::new);
		}
	}

	private CompletableFuture<Fetched> prefetch(SyncRun run, Connection connection, SyncConfiguration.Resolved setup,
			@Nullable String cursor, int size, String node) {
		return CompletableFuture.supplyAsync(() -> fetch(run, connection, setup, cursor, size, node), this.fetches);
	}

	private static Fetched join(CompletableFuture<Fetched> fetch) {
		try {
			return fetch.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private void total(SyncRun run, Connection connection, ContactSource source, String node) {
		try {
			OptionalLong total = source.total(connection, run.updatedSince());
			total.ifPresent((value) -> this.runs.total(run.id(), node, value));
		}
		catch (ProviderUnavailable | SourceRefused ex) {
			// the bar goes without a percentage
		}
	}

	/**
	 * A page, or when to try again after the retry schedule ran out.
	 */
	private Fetched fetch(SyncRun run, Connection connection, SyncConfiguration.Resolved setup, @Nullable String cursor,
			int size, String node) {
		List<Duration> schedule = this.properties.retrySchedule();
		for (int attempt = 0;; attempt++) {
			try {
				return new Fetched(
						setup.source()
							.page(connection, cursor, run.updatedSince(), size, setup.mapping().providerFields()),
						Duration.ZERO, "");
			}
			catch (ProviderUnavailable ex) {
				this.runs.failedAttempt(run.id(), node, ex.getMessage(), this.clock.instant());
				Duration wait = (ex.retryAfter() != null) ? ex.retryAfter()
						: schedule.get(Math.min(attempt, schedule.size() - 1));
				if (attempt >= schedule.size() || wait.compareTo(this.properties.staleAfter().dividedBy(2)) > 0) {
					// at least until the next poll, which is when the run can resume
					Duration until = (wait.compareTo(this.properties.pollInterval()) > 0) ? wait
							: this.properties.pollInterval();
					return new Fetched(null, until, ex.getMessage());
				}
				sleep(run, node, wait);
			}
		}
	}

	/**
	 * Waits in this thread, telling the other nodes that this one is alive.
	 */
	private void sleep(SyncRun run, String node, Duration wait) {
		Instant until = this.clock.instant().plus(wait);
		try {
			while (this.clock.instant().isBefore(until)) {
				if (!this.runs.heartbeat(run.id(), node, this.clock.instant())) {
					throw new SyncPageWriter.RunLost();
				}
				long millis = Duration.between(this.clock.instant(), until).toMillis();
				Thread.sleep(Math.max(1, Math.min(millis, 5_000)));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Interrupted();
		}
	}

	@Override
	public void destroy() {
		this.fetches.shutdownNow();
	}

	/**
	 * @param page {@code null} when the provider stayed unavailable
	 * @param until how long the run waits before it resumes, then
	 */
	private record Fetched(ContactSource.@Nullable Page page, Duration until, String reason) {
	}

	/**
	 * The node is shutting down: the run stays running, and another node takes it over
	 * once its heartbeat is stale.
	 */
	private static final class Interrupted extends RuntimeException {

		Interrupted() {
			super("interrupted (shutting down)", null, false, false);
		}

	}

}
