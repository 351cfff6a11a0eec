package dev.mailgate.platform.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import dev.mailgate.platform.DatabaseOutage;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A commit that dies with its connection, as when the database stops under load: the pool
 * closes the connection (HikariCP), and its rollback would fail with a bare "Connection
 * is closed".
 */
class LostConnectionTransactionsTests {

	private final LosingDataSource dataSource = new LosingDataSource();

	private final JdbcClient jdbc = JdbcClient.create(this.dataSource);

	LostConnectionTransactionsTests() {
		this.jdbc.sql("create table notes (id integer primary key)").update();
	}

	@Test
	void aCommitLostWithItsConnectionFailsAsTheDatabaseBeingAway() {
		PlatformTransactionManager transactions = new LostConnectionTransactions.Manager(this.dataSource);
		this.dataSource.loseNextCommit();

		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> new TransactionTemplate(transactions)
				.executeWithoutResult((status) -> this.jdbc.sql("insert into notes (id) values (1)").update()))
			.satisfies((ex) -> assertThat(DatabaseOutage.causedBy(ex)).as("answered 503, not 500").isTrue());
	}

	@Test
	void springsOwnManagerReportsOnlyTheFailedRollbackWhichSaysNothingOfTheDatabase() {
		// why Mailgate's manager exists: this answered 500 during an outage
		PlatformTransactionManager transactions = new JdbcTransactionManager(this.dataSource);
		this.dataSource.loseNextCommit();

		assertThatExceptionOfType(TransactionSystemException.class)
			.isThrownBy(() -> new TransactionTemplate(transactions)
				.executeWithoutResult((status) -> this.jdbc.sql("insert into notes (id) values (2)").update()))
			.satisfies((ex) -> assertThat(DatabaseOutage.causedBy(ex)).isFalse());
	}

	@Test
	void aTransactionOnALiveConnectionStillRollsBack() {
		PlatformTransactionManager transactions = new LostConnectionTransactions.Manager(this.dataSource);

		new TransactionTemplate(transactions).executeWithoutResult((status) -> {
			this.jdbc.sql("insert into notes (id) values (3)").update();
			status.setRollbackOnly();
		});

		assertThat(this.jdbc.sql("select count(*) from notes where id = 3").query(Integer.class).single()).isZero();
	}

	/**
	 * An embedded database whose connections can lose their next commit the way a pooled
	 * connection to a stopping server does: the commit fails with SQL state 08006, the
	 * pool closes the connection, and everything after says "Connection is closed" with
	 * no SQL state.
	 */
	static final class LosingDataSource extends DelegatingDataSource {

		private final AtomicBoolean loseCommit = new AtomicBoolean();

		LosingDataSource() {
			super(new SimpleDriverDataSource(new org.h2.Driver(),
					"jdbc:h2:mem:lost-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
		}

		void loseNextCommit() {
			this.loseCommit.set(true);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return losing(obtainTargetDataSource());
		}

		private Connection losing(DataSource target) throws SQLException {
			Connection connection = target.getConnection();
			AtomicBoolean closed = new AtomicBoolean();
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> {
						String name = method.getName();
						if (name.equals("isClosed")) {
							return closed.get();
						}
						if (closed.get() && !name.equals("close")) {
							throw new SQLException("Connection is closed");
						}
						if (name.equals("commit") && this.loseCommit.compareAndSet(true, false)) {
							closed.set(true);
							connection.close();
							throw new SQLException("An I/O error occurred while sending to the backend", "08006");
						}
						try {
							return method.invoke(connection, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

}
