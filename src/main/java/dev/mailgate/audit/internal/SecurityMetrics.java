package dev.mailgate.audit.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.mailgate.accounts.AccountEvents;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.AppEvents;
import dev.mailgate.audit.AlertRaised;
import dev.mailgate.oauth.OAuthEvents;
import dev.mailgate.ratelimit.RateLimited;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Mailgate's own figures on {@code /actuator/prometheus}, named {@code mailgate_*}
 * (docs/security-monitoring.md). Labels take a few known values only (grant types, limit
 * names, outcomes, rules), never an app or a person. Counters are fields, so that
 * counting an issued token (the token endpoint's hot path) is a string switch and an
 * increment; the gauges are read from the database at most once a minute
 * ({@link SecurityMetricsGauges}).
 */
@Component
class SecurityMetrics {

	/**
	 * The budgets the rate limits name (ratelimit's {@code RateLimited}); others count as
	 * "other".
	 */
	static final String[] LIMITS = { "token-endpoint", "api", "sign-in-ip", "sign-in-account", "client-auth-ip",
			"client-auth-client" };

	private final Counter authorizationCodeTokens;

	private final Counter refreshTokens;

	private final Counter clientCredentialsTokens;

	private final Counter otherTokens;

	private final Counter clientAuthenticationFailures;

	private final Counter signInSuccesses;

	private final Counter signInFailures;

	private final Counter refreshTokenReuses;

	private final Counter retiredSecrets;

	private final Map<String, Counter> rateLimited;

	private final Counter otherRateLimited;

	private final Map<String, Counter> alerts;

	SecurityMetrics(MeterRegistry registry, SecurityMetricsGauges gauges) {
		this.authorizationCodeTokens = tokens(registry, AppClient.AUTHORIZATION_CODE);
		this.refreshTokens = tokens(registry, AppClient.REFRESH_TOKEN);
		this.clientCredentialsTokens = tokens(registry, AppClient.CLIENT_CREDENTIALS);
		this.otherTokens = tokens(registry, "other");
		this.clientAuthenticationFailures = Counter.builder("mailgate.client.authentication.failures")
			.description("Failed client authentications at the token, introspection and revocation endpoints")
			.register(registry);
		this.signInSuccesses = signIns(registry, "success");
		this.signInFailures = signIns(registry, "failure");
		this.refreshTokenReuses = Counter.builder("mailgate.refresh.token.reuse")
			.description("Spent refresh tokens presented again; each revoked its whole grant")
			.register(registry);
		this.retiredSecrets = Counter.builder("mailgate.retired.secrets.presented")
			.description("Revoked, expired or rotated-out client secrets presented")
			.register(registry);
		this.rateLimited = Arrays.stream(LIMITS)
			.collect(Collectors.toUnmodifiableMap(Function.identity(), (limit) -> rateLimited(registry, limit)));
		this.otherRateLimited = rateLimited(registry, "other");
		this.alerts = Arrays.stream(AlertRule.values())
			.collect(Collectors.toUnmodifiableMap(AlertRule::id,
					(rule) -> Counter.builder("mailgate.alerts")
						.description("Alerts raised (new alerts, not further hits of an open one)")
						.tag("rule", rule.id())
						.register(registry)));
		Gauge.builder("mailgate.grants.active", gauges, SecurityMetricsGauges::activeGrants)
			.description("Connected apps (one per person and app) in every workspace; read at most once a minute")
			.register(registry);
		Gauge.builder("mailgate.client.secrets.expiring", gauges, SecurityMetricsGauges::expiringSecrets)
			.description("Active client secrets that stop working within 14 days; read at most once a minute")
			.register(registry);
		Gauge.builder("mailgate.alerts.open", gauges, SecurityMetricsGauges::openAlerts)
			.description("Alerts not acknowledged yet; read at most once a minute")
			.register(registry);
	}

	@EventListener
	void on(OAuthEvents.TokenIssued issued) {
		switch (issued.grantType()) {
			case AppClient.CLIENT_CREDENTIALS -> this.clientCredentialsTokens.increment();
			case AppClient.AUTHORIZATION_CODE -> this.authorizationCodeTokens.increment();
			case AppClient.REFRESH_TOKEN -> this.refreshTokens.increment();
			default -> this.otherTokens.increment();
		}
	}

	@EventListener
	void on(OAuthEvents.ClientAuthenticationFailed failed) {
		this.clientAuthenticationFailures.increment();
	}

	@EventListener
	void on(OAuthEvents.RefreshTokenReused reused) {
		this.refreshTokenReuses.increment();
	}

	@EventListener
	void on(AccountEvents.SignInSucceeded signedIn) {
		this.signInSuccesses.increment();
	}

	@EventListener
	void on(AccountEvents.SignInFailed failed) {
		this.signInFailures.increment();
	}

	@EventListener
	void on(AppEvents.RetiredSecretPresented presented) {
		this.retiredSecrets.increment();
	}

	@EventListener
	void on(RateLimited limited) {
		this.rateLimited.getOrDefault(limited.limit(), this.otherRateLimited).increment();
	}

	@EventListener
	void on(AlertRaised raised) {
		Counter counter = this.alerts.get(raised.rule());
		if (counter != null) {
			counter.increment();
		}
	}

	private static Counter tokens(MeterRegistry registry, String grantType) {
		return Counter.builder("mailgate.tokens.issued")
			.description("Access tokens issued, by grant type")
			.tag("grant_type", grantType)
			.register(registry);
	}

	private static Counter signIns(MeterRegistry registry, String outcome) {
		return Counter.builder("mailgate.sign.ins")
			.description("Sign-ins with a password on the sign-in page, by outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

	private static Counter rateLimited(MeterRegistry registry, String limit) {
		return Counter.builder("mailgate.rate.limited")
			.description("Requests refused with 429 because a budget ran out, by budget")
			.tag("limit", limit)
			.register(registry);
	}

}
