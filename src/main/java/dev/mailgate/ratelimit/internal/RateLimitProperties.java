package dev.mailgate.ratelimit.internal;

import java.time.Duration;

import dev.mailgate.ratelimit.internal.Limiter.OnFailure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code mailgate.ratelimit.*} settings. The budgets' defaults are in
 * {@code application.yml} and docs/rate-limits.md says why they are what they are.
 *
 * @param store {@code memory} (each node counts alone) or {@code redis} (the nodes share
 * their buckets)
 * @param tokenEndpoint token requests per app (client id); an operator can set another
 * per app
 * @param api API requests per app per workspace; an operator can set another per app
 * @param signIn sign-in attempts per IP address and per account
 * @param clientAuthFailures failed client authentications per IP address and per client
 * id, after which the OAuth endpoints refuse them
 */
@ConfigurationProperties("mailgate.ratelimit")
record RateLimitProperties(@DefaultValue("memory") Store store, Limit tokenEndpoint, Limit api, SignIn signIn,
		ClientAuthFailures clientAuthFailures, @DefaultValue Memory memory, @DefaultValue Redis redis) {

	enum Store {

		MEMORY, REDIS

	}

	/**
	 * A quota of requests per window.
	 */
	record Limit(long quota, Duration window) {

		Budget budget(String name) {
			return Budget.of(name, this.quota, this.window);
		}

	}

	record SignIn(Limit perIp, Limit perAccount) {
	}

	record ClientAuthFailures(Limit perIp, Limit perClient) {
	}

	/**
	 * @param maxBuckets the most buckets one node keeps; the least recently used go first
	 */
	record Memory(@DefaultValue("100000") long maxBuckets) {
	}

	/**
	 * @param url the Redis server, such as
	 * {@code redis://:password@redis.internal:6379/0} or {@code rediss://} for TLS
	 * @param timeout how long one Redis call may take before it counts as a failure
	 * @param onFailure what requests get while Redis cannot be reached: {@code open}
	 * (through, unlimited) or {@code closed} (503)
	 */
	record Redis(@DefaultValue("redis://127.0.0.1:6379") String url, @DefaultValue("500ms") Duration timeout,
			@DefaultValue("open") OnFailure onFailure) {
	}

}
