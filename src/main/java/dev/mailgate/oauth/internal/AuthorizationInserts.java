package dev.mailgate.oauth.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the new authorizations of many token requests in one transaction (group commit):
 * a request is answered only once its row is committed, but concurrent requests share the
 * commit. Every request that issues a new grant (each client_credentials token, each
 * authorization code) inserts one row; one commit each meant one write-ahead log flush
 * each on PostgreSQL, and sixteen request threads writing to the same index pages of the
 * embedded database at once. One writer thread takes whatever rows are waiting, up to
 * {@value #MAX_BATCH}, writes them as one JDBC batch in one transaction and wakes their
 * requests; with one request waiting it is a single insert. On PostgreSQL this took the
 * token endpoint from 3.7k to 8.5k tokens/s and its p99 from 16–32 ms to 5–9 ms; on H2,
 * whose inserts cost CPU rather than waits, its p99 from 34–43 ms to 26–29 ms
 * (docs/benchmarks.md, "What the token endpoint costs without its insert, and group
 * commit").
 * <p>
 * Nothing changes for the client: its token is committed, for every node, before it is
 * answered. A batch is rolled back whole when it fails. When a row broke a constraint,
 * each of its requests then writes its own row alone, so that the error is that request's
 * and the others' rows are kept; any other error (the database away) is every waiting
 * request's at once, as it would have been alone. A caller inside a transaction writes
 * its row in that transaction.
 */
@Component
class AuthorizationInserts implements DisposableBean {

	static final String INSERT = """
			insert into oauth_authorizations (id, registered_client_id, principal_name, grant_type,
			authorized_scopes, attributes, state_hash, code_hash, code_issued_at, code_expires_at, code_metadata,
			access_hash, named_access_hash, access_issued_at, access_expires_at, access_metadata, access_scopes,
			refresh_hash, named_refresh_hash, refresh_issued_at, refresh_expires_at, refresh_metadata,
			id_token_hash, id_token_issued_at, id_token_expires_at, id_token_metadata, created_at)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	static final int MAX_BATCH = 256;

	private static final Log log = LogFactory.getLog(AuthorizationInserts.class);

	private static final Pending STOP = new Pending(new Object[0]);

	private final JdbcTemplate jdbc;

	private final TransactionOperations transactions;

	private final LinkedBlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();

	private final Thread writer;

	private volatile boolean stopped;

	AuthorizationInserts(JdbcTemplate jdbc, TransactionOperations transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.writer = new Thread(this::write, "mailgate-grant-writer");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	/**
	 * Inserts one row of {@code oauth_authorizations} and returns once it is committed.
	 * @param values the columns of {@link #INSERT}, in order
	 */
	void insert(Object[] values) {
		if (this.stopped || TransactionSynchronizationManager.isActualTransactionActive()) {
			insertAlone(values);
			return;
		}
		Pending pending = new Pending(values);
		this.waiting.add(pending);
		// Stopping drains what is waiting; a row added after that is taken back here.
		if (this.stopped && this.waiting.remove(pending)) {
			insertAlone(values);
			return;
		}
		boolean written;
		try {
			written = pending.written.join();
		}
		catch (CompletionException ex) {
			// the database's own error, such as the one that answers 503 while it is away
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw ex;
		}
		if (!written) {
			insertAlone(values);
		}
	}

	private void insertAlone(Object[] values) {
		this.jdbc.update(INSERT, values);
	}

	private void write() {
		List<Pending> batch = new ArrayList<>(MAX_BATCH);
		boolean stop = false;
		while (!stop) {
			try {
				batch.add(this.waiting.take());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			this.waiting.drainTo(batch, MAX_BATCH - 1);
			stop = batch.remove(STOP);
			if (!batch.isEmpty()) {
				commit(batch);
			}
			batch.clear();
		}
	}

	private void commit(List<Pending> batch) {
		List<Object[]> rows = new ArrayList<>(batch.size());
		batch.forEach((pending) -> rows.add(pending.values));
		try {
			boolean written = write(rows);
			batch.forEach((pending) -> pending.written.complete(written));
		}
		catch (RuntimeException | Error ex) {
			batch.forEach((pending) -> pending.written.completeExceptionally(ex));
		}
	}

	/**
	 * Writes the rows in one transaction: all of them, or none.
	 * @return whether they were written; {@code false} when a row broke a constraint, so
	 * that each is written alone and only its own request fails (any other error, such as
	 * the database being away, is every request's, at once)
	 */
	boolean write(List<Object[]> rows) {
		try {
			this.transactions.executeWithoutResult((status) -> this.jdbc.batchUpdate(INSERT, rows));
			return true;
		}
		catch (DataIntegrityViolationException ex) {
			log.debug("A batch of " + rows.size() + " new grants broke a constraint; each is written alone", ex);
			return false;
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.stopped = true;
		this.waiting.add(STOP);
		this.writer.join(5_000);
		List<Pending> left = new ArrayList<>();
		this.waiting.drainTo(left);
		left.forEach((pending) -> pending.written.complete(false));
	}

	/**
	 * A row waiting for the writer, and whether the writer committed it.
	 */
	static final class Pending {

		private final Object[] values;

		private final CompletableFuture<Boolean> written = new CompletableFuture<>();

		Pending(Object[] values) {
			this.values = values;
		}

	}

}
