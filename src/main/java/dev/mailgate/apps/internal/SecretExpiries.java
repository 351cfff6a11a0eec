package dev.mailgate.apps.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.mailgate.apps.AppEvents;
import dev.mailgate.apps.AppId;
import dev.mailgate.platform.Timestamps;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Tells the rest of Mailgate, once per secret, when a client secret reached its expiry
 * date (its maximum age, or the end of a rotation's grace period) without being revoked
 * first. Checked every minute; a secret is claimed by a conditional update before it is
 * announced, so that two nodes never announce the same one.
 */
@Component
class SecretExpiries {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TransactionOperations transactions;

	private final Clock clock;

	SecretExpiries(JdbcClient jdbc, ApplicationEventPublisher events, TransactionOperations transactions, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * @return how many expiries were announced
	 */
	@Scheduled(initialDelayString = "PT30S", fixedDelayString = "PT1M")
	int announceExpired() {
		Instant now = this.clock.instant();
		List<Expired> expired = this.jdbc.sql("""
				select s.id, s.app_id, a.client_id, s.display_prefix, s.expires_at
				from apps_client_secrets s join apps_apps a on a.id = s.app_id
				where s.expiry_announced_at is null and s.expires_at <= ?
				and (s.revoked_at is null or s.revoked_at > s.expires_at)""")
			.param(Timestamps.utc(now))
			.query((rs, row) -> new Expired(rs.getObject(1, UUID.class), new AppId(rs.getObject(2, UUID.class)),
					rs.getString(3), rs.getString(4), Objects.requireNonNull(Timestamps.instant(rs, "expires_at"))))
			.list();
		int announced = 0;
		for (Expired secret : expired) {
			Boolean claimed = this.transactions.execute((status) -> announce(secret, now));
			announced += Boolean.TRUE.equals(claimed) ? 1 : 0;
		}
		return announced;
	}

	private boolean announce(Expired secret, Instant now) {
		boolean claimed = this.jdbc
			.sql("update apps_client_secrets set expiry_announced_at = ? where id = ? and expiry_announced_at is null")
			.params(Timestamps.utc(now), secret.id())
			.update() == 1;
		if (claimed) {
			this.events.publishEvent(
					new AppEvents.SecretExpired(secret.app(), secret.clientId(), secret.prefix(), secret.expiresAt()));
		}
		return claimed;
	}

	private record Expired(UUID id, AppId app, String clientId, String prefix, Instant expiresAt) {
	}

}
