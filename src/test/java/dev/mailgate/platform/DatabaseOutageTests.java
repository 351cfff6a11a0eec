package dev.mailgate.platform;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseOutageTests {

	@Test
	void theDatabaseBeingAwayIsAnOutageHoweverDeepItIsWrapped() {
		assertThat(DatabaseOutage.causedBy(new CannotGetJdbcConnectionException("no connection"))).isTrue();
		assertThat(DatabaseOutage.causedBy(new CannotCreateTransactionException("could not begin",
				new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))))
			.isTrue();
		assertThat(DatabaseOutage.causedBy(new ServletException("Request processing failed",
				new TransactionSystemException("commit failed", new SQLException("I/O error", "08006")))))
			.isTrue();
		assertThat(DatabaseOutage.causedBy(new UncategorizedSQLException("select", "select 1",
				new SQLException("terminating connection due to administrator command", "57P01"))))
			.isTrue();
		assertThat(DatabaseOutage.causedBy(new QueryTimeoutException("statement timeout"))).isTrue();
		TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Cannot rollback when autoCommit is enabled."));
		rollbackFailed.initApplicationException(new DataAccessResourceFailureException("select",
				new SQLException("An I/O error occurred while sending to the backend.", "08006")));
		assertThat(DatabaseOutage.causedBy(rollbackFailed)).isTrue();
	}

	@Test
	void wrongDataAndBugsAreNoOutage() {
		assertThat(DatabaseOutage.causedBy(new DuplicateKeyException("duplicate"))).isFalse();
		assertThat(DatabaseOutage
			.causedBy(new DataIntegrityViolationException("too long", new SQLException("value too long", "22001"))))
			.isFalse();
		assertThat(DatabaseOutage.causedBy(new IllegalStateException("a bug"))).isFalse();
		assertThat(DatabaseOutage
			.causedBy(new UncategorizedSQLException("select", "select 1", new SQLException("no state")))).isFalse();
	}

}
