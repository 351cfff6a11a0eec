package dev.mailgate.webhooks.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook settings, under {@code mailgate.webhooks.*}.
 *
 * @param allowLoopback allow {@code http://127.0.0.1} and {@code http://localhost}
 * endpoints (development and tests; never in production: it opens the node itself to
 * requests)
 * @param maxSubscriptionsPerApp how many subscriptions an app may hold in a workspace
 * @param retrySchedule the waits before the second, third, ... attempt (Standard
 * Webhooks' schedule); a delivery fails after the last
 * @param connectTimeout how long to wait for the endpoint's connection
 * @param requestTimeout how long to wait for its whole response
 * @param rotationOverlap how long the secret before a rotation keeps signing alongside
 * @param disableAfterFailures consecutive failed deliveries after which a subscription is
 * disabled and the app's owners are told
 * @param retention how long the delivery log keeps a delivery
 * @param concurrency how many deliveries a node sends at once
 */
@ConfigurationProperties("mailgate.webhooks")
record WebhooksProperties(@DefaultValue("false") boolean allowLoopback, @DefaultValue("10") int maxSubscriptionsPerApp,
		@DefaultValue( {
				"5s", "5m", "30m", "2h", "5h", "10h", "10h" }) List<Duration> retrySchedule,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration requestTimeout,
		@DefaultValue("24h") Duration rotationOverlap, @DefaultValue("10") int disableAfterFailures,
		@DefaultValue("30d") Duration retention, @DefaultValue("16") int concurrency){

	/**
	 * How many attempts a delivery gets: the first and one per wait of the schedule.
	 */
	int maxAttempts() {
		return 1 + this.retrySchedule.size();
	}

}
