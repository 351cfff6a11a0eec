package dev.mailgate.contacts.internal;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * Lets a few bulk writes (API batches, CSV imports) run at once on this node; the others
 * wait their turn before they even read their body. Each holds up to 1,000 contacts in
 * memory and the database serializes their writes anyway, so waiting costs no throughput
 * and keeps the heap small under any number of concurrent importers. Re-entrant: a thread
 * in its turn may nest another bulk write.
 */
@Component
class BulkTurns {

	private final Semaphore turns;

	private final ThreadLocal<Boolean> inTurn = ThreadLocal.withInitial(() -> false);

	BulkTurns(ContactsProperties properties) {
		this.turns = new Semaphore(Math.max(1, properties.bulkConcurrency()), true);
	}

	<T> T run(Supplier<T> bulkWrite) {
		if (this.inTurn.get()) {
			return bulkWrite.get();
		}
		this.turns.acquireUninterruptibly();
		this.inTurn.set(true);
		try {
			return bulkWrite.get();
		}
		finally {
			this.inTurn.set(false);
			this.turns.release();
		}
	}

}
