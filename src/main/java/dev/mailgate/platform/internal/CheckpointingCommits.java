package dev.mailgate.platform.internal;

import javax.sql.DataSource;

import dev.mailgate.platform.DurableCommits;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * On H2, a {@code CHECKPOINT} after the commit: it writes what the store holds in memory
 * to the file, which is what a killed process would otherwise lose (H2's "durability
 * problems"). On PostgreSQL nothing: its commit waited for the write-ahead log already.
 * Only the few writes that need it pay for the extra write, not every token or page view.
 */
@Component
class CheckpointingCommits implements DurableCommits {

	private final JdbcClient jdbc;

	private final boolean embedded;

	CheckpointingCommits(JdbcClient jdbc, DataSource dataSource) throws MetaDataAccessException {
		this.jdbc = jdbc;
		this.embedded = DatabaseProduct.H2.equals(DatabaseProduct.of(dataSource));
	}

	@Override
	public void flushAfterCommit() {
		if (!this.embedded) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			checkpoint();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				checkpoint();
			}
		});
	}

	private void checkpoint() {
		this.jdbc.sql("checkpoint").update();
	}

}
