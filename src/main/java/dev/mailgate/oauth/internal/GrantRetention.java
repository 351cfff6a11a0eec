package dev.mailgate.oauth.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.mailgate.platform.Timestamps;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the grants nothing can use any more: those whose code, access token, refresh
 * token and ID token all expired longer ago than
 * {@link OAuthProperties#expiredGrantRetention()} (a day by default), and those started
 * that long ago and never completed (a consent page left open). Without it, every
 * client_credentials token would stay in the table for good. The refresh tokens a deleted
 * grant had spent go with it.
 * <p>
 * It pages through the table by id, a thousand rows a statement, so that no statement
 * holds the table for long, and needs no index the token endpoint would have to keep up
 * on every token it issues. Reading every row costs about 3 s of one core per 100,000
 * rows on the embedded database (docs/benchmarks.md), so a node runs it first an hour
 * after it started, away from its start and from the other nodes' turns. Every node runs
 * it; a row another node deleted first is simply gone.
 */
@Component
class GrantRetention {

	static final int PAGE = 1_000;

	private static final Log log = LogFactory.getLog(GrantRetention.class);

	private final JdbcClient jdbc;

	private final OAuthProperties properties;

	private final Clock clock;

	GrantRetention(JdbcClient jdbc, OAuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @return how many grants were deleted
	 */
	@Scheduled(initialDelayString = "${mailgate.oauth.expired-grant-purge:1h}",
			fixedDelayString = "${mailgate.oauth.expired-grant-purge:1h}")
	int purge() {
		long started = System.nanoTime();
		OffsetDateTime before = Timestamps.utc(this.clock.instant().minus(this.properties.expiredGrantRetention()));
		String after = "";
		int purged = 0;
		List<String> page;
		do {
			page = this.jdbc.sql("select id from oauth_authorizations where id > ? order by id limit ?")
				.params(after, PAGE)
				.query(String.class)
				.list();
			if (page.isEmpty()) {
				break;
			}
			String last = page.get(page.size() - 1);
			purged += this.jdbc.sql("""
					delete from oauth_authorizations where id > ? and id <= ? and created_at < ?
					and (code_expires_at is null or code_expires_at < ?)
					and (access_expires_at is null or access_expires_at < ?)
					and (refresh_expires_at is null or refresh_expires_at < ?)
					and (id_token_expires_at is null or id_token_expires_at < ?)""")
				.params(after, last, before, before, before, before, before)
				.update();
			after = last;
		}
		while (page.size() == PAGE);
		if (purged > 0) {
			log.info("Deleted %d grants whose codes and tokens all expired before %s, in %d ms".formatted(purged,
					before, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
		}
		return purged;
	}

}
