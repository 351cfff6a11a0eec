package dev.mailgate.platform.internal;

import java.util.UUID;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.platform.DurableCommits;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded H2 of the tests takes a {@code CHECKPOINT} from Mailgate's own database
 * user, in a transaction (after its commit) and outside one; a rolled-back transaction is
 * not flushed and stays rolled back. The kill -9 itself is scripts/crash-test.sh's.
 */
class CheckpointingCommitsIntegrationTests extends IntegrationTestSupport {

	@Autowired
	DurableCommits durable;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionOperations transactions;

	@Test
	void flushesOutsideATransactionAtOnce() {
		this.durable.flushAfterCommit();
	}

	@Test
	void flushesAfterTheCommitOfTheTransactionItWasAskedIn() {
		String name = "durable-" + UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> {
			insertEviction(name);
			this.durable.flushAfterCommit();
		});

		assertThat(evictions(name)).isEqualTo(1);
	}

	@Test
	void aRolledBackTransactionStaysRolledBack() {
		String name = "durable-" + UUID.randomUUID();
		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			insertEviction(name);
			this.durable.flushAfterCommit();
			throw new IllegalStateException("rolled back");
		})).hasMessage("rolled back");

		assertThat(evictions(name)).isZero();
	}

	private void insertEviction(String name) {
		this.jdbc.sql(
				"insert into platform_evictions (cache, cache_key, origin, at) values (?, 'k', 'test', current_timestamp)")
			.param(name)
			.update();
	}

	private long evictions(String name) {
		return this.jdbc.sql("select count(*) from platform_evictions where cache = ?")
			.param(name)
			.query(Long.class)
			.single();
	}

}
