package dev.mailgate.contacts.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes what the imports this node runs have done, for every node to show: their counts
 * with the rows they rejected (one transaction a batch), their end, and a heartbeat every
 * 5 s while they run, however long a batch takes.
 */
@Component
class ImportBookkeeping {

	private static final Logger log = LoggerFactory.getLogger(ImportBookkeeping.class);

	private final ImportJobs jobs;

	private final ImportRejections rejections;

	private final TransactionOperations transactions;

	private final Set<UUID> running = ConcurrentHashMap.newKeySet();

	ImportBookkeeping(ImportJobs jobs, ImportRejections rejections, TransactionOperations transactions) {
		this.jobs = jobs;
		this.rejections = rejections;
		this.transactions = transactions;
	}

	void started(ImportTally tally) {
		this.running.add(tally.job());
	}

	/**
	 * @throws ImportJobs.ImportLost when the import was given up for interrupted
	 */
	void progress(ImportTally tally) {
		record(tally, () -> this.jobs.progress(tally));
	}

	/**
	 * @throws ImportJobs.ImportLost when the import was given up for interrupted
	 */
	void done(ImportTally tally) {
		end(tally, ImportJob.State.DONE, null);
	}

	/**
	 * Ends the import as failed, if the database lets it: when the database is what
	 * failed, the import shows as interrupted once its heartbeat is old.
	 */
	void failed(ImportTally tally, String why) {
		try {
			end(tally, ImportJob.State.FAILED, why);
		}
		catch (RuntimeException ex) {
			this.running.remove(tally.job());
			log.warn("Import {} could not be marked failed: {}", tally.job(), ex.toString());
		}
	}

	/**
	 * Forgets an import that another node gave up for interrupted.
	 */
	void lost(ImportTally tally) {
		this.running.remove(tally.job());
	}

	@Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
	void heartbeat() {
		this.jobs.heartbeat(List.copyOf(this.running));
	}

	private void end(ImportTally tally, ImportJob.State state, @Nullable String failure) {
		try {
			record(tally, () -> this.jobs.end(tally, state, failure));
		}
		finally {
			this.running.remove(tally.job());
		}
	}

	/**
	 * Writes the counts and the rows rejected since the last write in one transaction.
	 */
	private void record(ImportTally tally, Runnable counts) {
		List<ImportJob.Rejection> rejected = tally.written();
		this.transactions.executeWithoutResult((status) -> {
			counts.run();
			this.rejections.add(tally.job(), rejected);
		});
	}

}
