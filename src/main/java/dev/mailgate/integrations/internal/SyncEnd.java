package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.mailgate.integrations.IntegrationEvents.ContactSyncFinished;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * How a run stops: it succeeded (the connection's watermark moves to when the run began),
 * failed, or waits for the provider; an ending publishes {@link ContactSyncFinished} in
 * the same transaction.
 */
@Component
class SyncEnd {

	private final JdbcSyncRuns runs;

	private final JdbcSyncSettings settings;

	private final TransactionOperations transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SyncEnd(JdbcSyncRuns runs, JdbcSyncSettings settings, TransactionOperations transactions,
			ApplicationEventPublisher events, Clock clock) {
		this.runs = runs;
		this.settings = settings;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	void succeeded(SyncRun run, String node) {
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			if (this.runs.finish(run.id(), node, SyncRun.Status.SUCCEEDED, null, now)) {
				this.settings.succeeded(run.connection(), run.watermark(), now);
				publish(run.id(), now);
			}
		});
	}

	void failed(SyncRun run, String node, String reason) {
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			if (this.runs.finish(run.id(), node, SyncRun.Status.FAILED, reason, now)) {
				publish(run.id(), now);
			}
		});
	}

	/**
	 * A person stopped the run: the pages written so far stay, the watermark does not
	 * move (the next run asks again for what this one did not reach).
	 * @return whether it was still going
	 */
	boolean cancelled(java.util.UUID id) {
		Instant now = this.clock.instant();
		Boolean cancelled = this.transactions.execute((status) -> {
			if (!this.runs.cancel(id, now)) {
				return false;
			}
			publish(id, now);
			return true;
		});
		return Boolean.TRUE.equals(cancelled);
	}

	/**
	 * Lets the run wait for the provider, unless it has waited
	 * {@link ContactSync#MAX_WAITS} times in a row already.
	 */
	void waitOrFail(SyncRun run, String node, Duration wait, String reason) {
		SyncRun current = this.runs.find(run.id()).orElse(run);
		if (current.waits() >= ContactSync.MAX_WAITS) {
			failed(run, node, "The provider stayed unavailable (%s); gave up after %d waits. Sync again later."
				.formatted(reason, current.waits()));
			return;
		}
		this.runs.waitUntil(run.id(), node, this.clock.instant().plus(wait),
				reason + "; retrying at " + this.clock.instant().plus(wait));
	}

	private void publish(java.util.UUID id, Instant now) {
		SyncRun run = this.runs.find(id).orElseThrow();
		this.events.publishEvent(new ContactSyncFinished(run.id(), run.connection(), run.workspace(),
				run.status().value(), run.created(), run.updated(), run.failed(), now));
	}

}
