package dev.mailgate.platform.internal;

import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.mailgate.platform.CustomPlans;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * On PostgreSQL, {@code plan_cache_mode = force_custom_plan} for the transaction
 * ({@code set local}, so the pooled connection keeps its default once it ends); on H2 the
 * reads as they are.
 */
@Component
class PostgresCustomPlans implements CustomPlans {

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final boolean postgres;

	PostgresCustomPlans(JdbcClient jdbc, TransactionOperations transactions, DataSource dataSource)
			throws MetaDataAccessException {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.postgres = DatabaseProduct.POSTGRESQL.equals(DatabaseProduct.of(dataSource));
	}

	@Override
	public <T> T read(Supplier<T> reads) {
		if (!this.postgres) {
			return reads.get();
		}
		return this.transactions.execute((status) -> {
			this.jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
			return reads.get();
		});
	}

}
