package dev.mailgate.platform.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * While the database is away, every caller is refused at once instead of waiting Hikari's
 * {@code connection-timeout} at each touch of the database (a request that touches it
 * three times would otherwise take three times as long), and service comes back within a
 * quarter of a second of the database's return. Hikari alone would wait up to 5 s more:
 * after failed attempts it tries again only every 5 s. So once the pool times out, the
 * pool is suspended (no more attempts of its own), a watcher opens a plain connection
 * every 250 ms, and the first that works resumes the pool, which then fills at once.
 */
@Configuration(proxyBeanMethods = false)
class FailFastDataSource {

	private static final long WATCH_MILLIS = 250;

	@Bean
	static BeanPostProcessor failFastDataSources() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return (bean instanceof HikariDataSource pool) ? new Guarded(pool) : bean;
			}
		};
	}

	static final class Guarded extends DelegatingDataSource implements AutoCloseable {

		private final HikariDataSource pool;

		private final AtomicBoolean down = new AtomicBoolean();

		Guarded(HikariDataSource pool) {
			super(pool);
			this.pool = pool;
		}

		@Override
		public Connection getConnection() throws SQLException {
			refuseWhileDown();
			try {
				return this.pool.getConnection();
			}
			catch (SQLTransientConnectionException ex) {
				// connection-timeout passed without a connection: the database is away
				wentDown();
				throw ex;
			}
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			refuseWhileDown();
			return this.pool.getConnection(username, password);
		}

		/**
		 * Closes the pool at shutdown, as Spring would close it unwrapped.
		 */
		@Override
		public void close() {
			this.pool.close();
		}

		private void refuseWhileDown() throws SQLException {
			if (this.down.get()) {
				throw new SQLTransientConnectionException("The database cannot be reached at the moment", "08001");
			}
		}

		private void wentDown() {
			if (this.pool.getJdbcUrl() == null) {
				// a pool built from a DataSource class, not a URL: the watcher cannot
				// open
				// a plain connection, so Hikari's own retries end the outage
				return;
			}
			if (this.down.compareAndSet(false, true)) {
				Thread watcher = new Thread(this::watch, "database-watch");
				watcher.setDaemon(true);
				watcher.start();
			}
		}

		private void watch() {
			HikariPoolMXBean control = this.pool.getHikariPoolMXBean();
			boolean suspended = this.pool.isAllowPoolSuspension() && control != null;
			if (suspended) {
				control.suspendPool();
			}
			try {
				while (!this.pool.isClosed() && !answers()) {
					Thread.sleep(WATCH_MILLIS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				if (suspended) {
					control.resumePool();
				}
				this.down.set(false);
			}
		}

		private boolean answers() {
			Properties properties = new Properties();
			properties.putAll(this.pool.getDataSourceProperties());
			if (this.pool.getUsername() != null) {
				properties.setProperty("user", this.pool.getUsername());
			}
			if (this.pool.getPassword() != null) {
				properties.setProperty("password", this.pool.getPassword());
			}
			try (Connection connection = DriverManager.getConnection(this.pool.getJdbcUrl(), properties)) {
				return connection.isValid(1);
			}
			catch (SQLException | RuntimeException ex) {
				return false;
			}
		}

	}

}
