package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.integrations.ConnectionId;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Starts sync runs (one at a time per connection: asking again while one is going answers
 * that one) and runs them on this node's sync threads. A run is claimed with a
 * conditional update before it runs, so of all nodes one runs it.
 */
@Component
class SyncRuns implements DisposableBean {

	/** The next incremental run also asks for what changed just before the watermark. */
	static final Duration OVERLAP = Duration.ofMinutes(1);

	static final int CONCURRENT_RUNS = 4;

	private static final Log log = LogFactory.getLog(SyncRuns.class);

	private final JdbcSyncRuns runs;

	private final JdbcConnections connections;

	private final JdbcSyncSettings settings;

	private final ContactSync sync;

	private final TransactionOperations transactions;

	private final IntegrationsProperties.Sync properties;

	private final Clock clock;

	private final String node = SyncNode.name();

	private final Semaphore slots = new Semaphore(CONCURRENT_RUNS);

	private final ExecutorService pool = SyncNode.threads("contact-sync");

	SyncRuns(JdbcSyncRuns runs, JdbcConnections connections, JdbcSyncSettings settings, ContactSync sync,
			TransactionOperations transactions, IntegrationsProperties properties, Clock clock) {
		this.runs = runs;
		this.connections = connections;
		this.settings = settings;
		this.sync = sync;
		this.transactions = transactions;
		this.properties = properties.sync();
		this.clock = clock;
	}

	/**
	 * Starts a run of the connection's sync, or answers the one going.
	 * @param startedBy {@code manual}, {@code schedule}, {@code cli} or {@code api}
	 * @throws ConnectionUnusable when the connection needs reconnecting or is gone
	 */
	SyncRun start(ConnectionId id, String startedBy) {
		SyncRun run = this.transactions.execute((status) -> {
			Connection connection = this.connections.lock(id)
				.orElseThrow(() -> new ConnectionUnusable(id, "Connection %s is disconnected".formatted(id)));
			if (!connection.active()) {
				throw new ConnectionUnusable(id, "Connection %s needs reconnecting".formatted(id));
			}
			Optional<SyncRun> going = this.runs.active(id);
			if (going.isPresent()) {
				return going.get();
			}
			Instant watermark = this.settings.find(id).map(SyncSettings::watermark).orElse(null);
			return this.runs.create(connection, startedBy, (watermark != null) ? watermark.minus(OVERLAP) : null,
					this.clock.instant());
		});
		dispatch(run.id());
		return this.runs.find(run.id()).orElse(run);
	}

	Optional<SyncRun> find(WorkspaceId workspace, UUID id) {
		return this.runs.find(workspace, id);
	}

	List<SyncRun> history(ConnectionId connection, int limit) {
		return this.runs.history(connection, limit);
	}

	/**
	 * Claims the run and runs it on this node, if a sync thread is free and no other node
	 * got it first.
	 */
	boolean dispatch(UUID id) {
		if (!this.slots.tryAcquire()) {
			return false;
		}
		Instant now = this.clock.instant();
		if (!this.runs.claim(id, this.node, now, now.minus(this.properties.staleAfter()))) {
			this.slots.release();
			return false;
		}
		this.pool.execute(() -> {
			try {
				this.sync.execute(id, this.node);
			}
			catch (RuntimeException ex) {
				log.warn("Sync run " + id + " stopped", ex);
			}
			finally {
				this.slots.release();
			}
		});
		return true;
	}

	/**
	 * Due and abandoned runs, at most as many as this node has free threads for.
	 */
	List<UUID> due() {
		Instant now = this.clock.instant();
		return this.runs.due(now, now.minus(this.properties.staleAfter()), Math.max(1, this.slots.availablePermits()));
	}

	@Override
	public void destroy() {
		this.pool.shutdownNow();
	}

}
