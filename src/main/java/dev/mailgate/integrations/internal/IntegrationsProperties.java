package dev.mailgate.integrations.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Integrations' settings ({@code mailgate.integrations.*}).
 *
 * @param allowLoopback whether providers may live on 127.0.0.1 and plain HTTP (tests,
 * another Mailgate on the same machine); off in production, where providers' endpoints
 * must be HTTPS
 * @param refreshAhead how long before its expiry an access token is refreshed
 * @param sync contact sync
 * @param analytics engagement export
 */
@ConfigurationProperties("mailgate.integrations")
record IntegrationsProperties(@DefaultValue("false") boolean allowLoopback, @DefaultValue("60s") Duration refreshAhead,
		@DefaultValue Sync sync, @DefaultValue Analytics analytics) {

	/**
	 * @param pollInterval how often a node looks for due and abandoned runs
	 * @param pageSize contacts asked for per request (the provider may cap it)
	 * @param retrySchedule the waits between attempts at a failing page; the run waits
	 * (and resumes later) after the last
	 * @param staleAfter a running run whose node has not reported for this long is taken
	 * over (the node died)
	 */
	record Sync(@DefaultValue("5s") Duration pollInterval, @DefaultValue("1000") int pageSize, @DefaultValue( {
			"1s", "2s", "4s", "8s", "16s" }) List<Duration> retrySchedule, @DefaultValue("30s") Duration staleAfter){
	}

	/**
	 * @param interval how often new engagement events are pushed
	 * @param batchSize events per request
	 * @param retrySchedule the waits after failed pushes, the last repeating
	 */
	record Analytics(@DefaultValue("10s") Duration interval, @DefaultValue("500") int batchSize, @DefaultValue( {
			"1s", "5s", "30s", "2m", "10m" }) List<Duration> retrySchedule){
	}

}
