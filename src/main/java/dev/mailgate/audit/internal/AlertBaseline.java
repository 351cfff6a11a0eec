package dev.mailgate.audit.internal;

import java.time.Duration;
import java.time.Instant;

import dev.mailgate.apps.AppId;
import dev.mailgate.platform.Timestamps;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * An app's usual token rate: its mean {@code token.issued} count per minute over the 24
 * hours before a minute, from the audit log (one indexed range of at most 1,440 rows).
 */
@Repository
class AlertBaseline {

	static final Duration PERIOD = Duration.ofHours(24);

	private static final Log log = LogFactory.getLog(AlertBaseline.class);

	private final JdbcClient jdbc;

	AlertBaseline(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return tokens per minute; none when the audit log cannot be read (the floor alone
	 * then decides)
	 */
	double meanPerMinute(AppId app, Instant minuteStart) {
		try {
			long total = this.jdbc.sql("""
					select coalesce(sum(count), 0) from audit_events
					where app_id = ? and kind = 'token.issued' and at >= ? and at < ?""")
				.params(app.value(), Timestamps.utc(minuteStart.minus(PERIOD)), Timestamps.utc(minuteStart))
				.query(Long.class)
				.single();
			return total / (double) PERIOD.toMinutes();
		}
		catch (DataAccessException ex) {
			log.warn("Could not read the issuance baseline of app " + app + " from the audit log: "
					+ ex.getClass().getSimpleName());
			return 0;
		}
	}

}
