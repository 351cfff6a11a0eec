package dev.mailgate.platform.internal;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Which database Mailgate runs on, for the few places that act differently on the
 * embedded H2 and on PostgreSQL.
 */
final class DatabaseProduct {

	static final String H2 = "H2";

	static final String POSTGRESQL = "PostgreSQL";

	private DatabaseProduct() {
	}

	/**
	 * The product name the JDBC driver reports ({@link #H2} or {@link #POSTGRESQL}).
	 * @param dataSource the database
	 * @return its product name
	 * @throws MetaDataAccessException when the database cannot be reached
	 */
	static String of(DataSource dataSource) throws MetaDataAccessException {
		return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
	}

}
