package dev.mailgate.platform;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure that means "the database cannot be reached right now" from every other
 * one, so that requests get 503 with {@code Retry-After} instead of a 500, and background
 * jobs wait and retry instead of logging a stack trace per run (docs/operations.md,
 * "Outages").
 */
public final class DatabaseOutage {

	/**
	 * How long clients are asked to wait ({@code Retry-After}) while the database is
	 * away.
	 */
	public static final long RETRY_AFTER_SECONDS = 5;

	private DatabaseOutage() {
	}

	/**
	 * Whether the failure, or anything in its chain of causes, says that the database
	 * could not be reached or did not answer in time: no connection from the pool
	 * (Hikari's timeout), a broken or refused connection (SQL state class 08, 57P01 to
	 * 57P03 when PostgreSQL shuts down), a query or statement timeout. A transaction that
	 * could not begin or commit carries one of them as its cause; one whose rollback
	 * failed too (as when a session look-up loses its connection) carries it as the
	 * application exception.
	 */
	public static boolean causedBy(Throwable failure) {
		int depth = 0;
		for (@Nullable
		Throwable cause = failure; cause != null && depth < 20; cause = cause.getCause(), depth++) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException || cause instanceof QueryTimeoutException
					|| cause instanceof SQLTransientConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && unreachable(sql.getSQLState())) {
				return true;
			}
			if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
					&& causedBy(rollback.getApplicationException())) {
				return true;
			}
		}
		return false;
	}

	private static boolean unreachable(@Nullable String state) {
		// 57014: a statement timeout (options=-c statement_timeout=…) cancelled the query
		return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("57014"));
	}

}
