package dev.mailgate.audit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.mailgate.apps.Apps;
import dev.mailgate.oauth.Grants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The figures behind the metrics' gauges, read from the database at most once a minute
 * however often Prometheus scrapes.
 */
@Component
class SecurityMetricsGauges {

	static final Duration FRESH_FOR = Duration.ofMinutes(1);

	private final Grants grants;

	private final Apps apps;

	private final AlertStore alerts;

	private final Clock clock;

	private volatile @Nullable Snapshot snapshot;

	SecurityMetricsGauges(Grants grants, Apps apps, AlertStore alerts, Clock clock) {
		this.grants = grants;
		this.apps = apps;
		this.alerts = alerts;
		this.clock = clock;
	}

	double activeGrants() {
		return current().activeGrants();
	}

	double expiringSecrets() {
		return current().expiringSecrets();
	}

	double openAlerts() {
		return current().openAlerts();
	}

	/**
	 * Reads the figures again on the next scrape.
	 */
	void forget() {
		this.snapshot = null;
	}

	private synchronized Snapshot current() {
		Instant now = this.clock.instant();
		Snapshot current = this.snapshot;
		if (current == null || current.readAt().plus(FRESH_FOR).isBefore(now)) {
			current = new Snapshot(this.grants.totalActiveCount(), this.apps.countSecretsExpiringSoon(),
					this.alerts.countOpen(null), now);
			this.snapshot = current;
		}
		return current;
	}

	private record Snapshot(long activeGrants, long expiringSecrets, long openAlerts, Instant readAt) {
	}

}
