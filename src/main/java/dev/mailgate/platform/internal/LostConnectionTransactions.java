package dev.mailgate.platform.internal;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The application's transaction manager: Spring Boot's own (a
 * {@link JdbcTransactionManager} with Boot's customizers), except that it does not roll
 * back a transaction whose connection the pool has closed already. When the database goes
 * away under load, a commit fails with the connection's error, the pool closes the
 * connection, and the rollback Spring then tries fails with "Connection is closed", which
 * replaced the commit's error and says nothing about the database
 * ({@link dev.mailgate.platform.DatabaseOutage}): such a request answered 500 instead of
 * 503. The database discards an uncommitted transaction with its connection, so there is
 * nothing to roll back, and the commit's own error is what the caller gets.
 */
@Configuration(proxyBeanMethods = false)
class LostConnectionTransactions {

	@Bean
	JdbcTransactionManager transactionManager(DataSource dataSource,
			ObjectProvider<TransactionManagerCustomizers> customizers) {
		Manager manager = new Manager(dataSource);
		customizers.ifAvailable((each) -> each.customize(manager));
		return manager;
	}

	static final class Manager extends JdbcTransactionManager {

		Manager(DataSource dataSource) {
			super(dataSource);
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
			if (!connectionClosed(status)) {
				super.doRollback(status);
			}
		}

		private static boolean connectionClosed(DefaultTransactionStatus status) {
			if (!(status.getTransaction() instanceof JdbcTransactionObjectSupport transaction)
					|| !transaction.hasConnectionHolder()) {
				return false;
			}
			try {
				return transaction.getConnectionHolder().getConnection().isClosed();
			}
			catch (SQLException ex) {
				return false;
			}
		}

	}

}
