package dev.mailgate.apps.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import dev.mailgate.apps.AppId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What secret scanners reported about an app's credentials, for its owners to see.
 */
@Repository
class LeakReports {

	private final JdbcClient jdbc;

	private final Clock clock;

	LeakReports(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void record(AppId app, String credential, String prefix, String reporter, @Nullable String sourceUrl,
			String outcome) {
		this.jdbc.sql("""
				insert into apps_leak_reports (id, app_id, credential, display_prefix, reporter, source_url, outcome,
				reported_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), app.value(), credential, prefix, reporter,
					(sourceUrl != null && sourceUrl.length() <= 2000) ? sourceUrl : null, outcome,
					Timestamps.utc(this.clock.instant()))
			.update();
	}

	List<LeakView> of(AppId app) {
		return this.jdbc.sql("""
				select display_prefix, reporter, source_url, outcome, reported_at from apps_leak_reports
				where app_id = ? order by reported_at desc""")
			.param(app.value())
			.query((rs, row) -> new LeakView(rs.getString(1) + "…", rs.getString(2), rs.getString(3), rs.getString(4),
					SecretView.format(Timestamps.instant(rs, "reported_at"))))
			.list();
	}

}
