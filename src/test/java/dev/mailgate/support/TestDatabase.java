package dev.mailgate.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A freshly migrated database for storage tests, on either engine Mailgate supports, so
 * that the same test proves the same migrations and SQL on both.
 *
 * <p>
 * PostgreSQL is found at {@code MAILGATE_TEST_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/mailgate_test}, user and password
 * {@code mailgate}, as {@code .ci/services} sets it up); each database gets a schema of
 * its own, dropped on {@link #close()}.
 */
public final class TestDatabase implements AutoCloseable {

	public static final String POSTGRES_URL = env("MAILGATE_TEST_POSTGRES_URL",
			"jdbc:postgresql://127.0.0.1:5432/mailgate_test");

	public static final String POSTGRES_USER = env("MAILGATE_TEST_POSTGRES_USER", "mailgate");

	public static final String POSTGRES_PASSWORD = env("MAILGATE_TEST_POSTGRES_PASSWORD", "mailgate");

	private final String engine;

	private final DataSource dataSource;

	private final Runnable dropper;

	private TestDatabase(String engine, DataSource dataSource, Runnable dropper) {
		this.engine = engine;
		this.dataSource = dataSource;
		this.dropper = dropper;
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
	}

	public static TestDatabase h2(Path directory) {
		String url = "jdbc:h2:file:" + directory.resolve("db/mailgate").toAbsolutePath()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
		return new TestDatabase("h2", new DriverManagerDataSource(url, "mailgate", ""), () -> {
		});
	}

	public static TestDatabase postgresql() {
		String schema = newPostgresSchema();
		DataSource dataSource = new DriverManagerDataSource(postgresUrl(schema), POSTGRES_USER, POSTGRES_PASSWORD);
		return new TestDatabase("postgresql", dataSource, () -> execute("drop schema " + schema + " cascade"));
	}

	/**
	 * Creates an empty schema of its own in the test database, for a whole application
	 * context to migrate and use.
	 * @return the schema's name
	 */
	public static String newPostgresSchema() {
		String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
		execute("create schema " + schema);
		return schema;
	}

	public static String postgresUrl(String schema) {
		return POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	public static boolean postgresqlReachable() {
		try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD)) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	public JdbcClient jdbc() {
		return JdbcClient.create(this.dataSource);
	}

	@Override
	public void close() {
		this.dropper.run();
	}

	@Override
	public String toString() {
		return this.engine;
	}

	private static void execute(String sql) {
		SingleConnectionDataSource admin = new SingleConnectionDataSource(POSTGRES_URL, POSTGRES_USER,
				POSTGRES_PASSWORD, true);
		try {
			JdbcClient.create(admin).sql(sql).update();
		}
		finally {
			admin.destroy();
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
