package dev.mailgate.ratelimit.internal;

import java.time.Clock;
import java.util.EnumSet;

import jakarta.servlet.DispatcherType;

import dev.mailgate.accounts.SignInPages;
import dev.mailgate.platform.CacheEvictions;
import dev.mailgate.platform.MemoryCounters;
import dev.mailgate.platform.SharedCounters;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires the rate limits: the store (memory or Redis), and three servlet filters that run
 * once per request (not again on forwards or error pages), each only on its paths:
 * sign-in and the OAuth endpoints before Spring Security (nothing is checked yet), the
 * API after it (the caller is known).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	/** Spring Security's filter chain runs at order -100 (Spring Boot's default). */
	static final int BEFORE_SECURITY = -110;

	static final int AFTER_SECURITY = -90;

	@Bean(destroyMethod = "close")
	Buckets rateLimitBuckets(RateLimitProperties properties) {
		if (properties.store() == RateLimitProperties.Store.REDIS) {
			return new RedisBuckets(properties.redis().url(), properties.redis().timeout());
		}
		return new LocalBuckets(properties.memory().maxBuckets());
	}

	@Bean
	Limiter rateLimiter(Buckets buckets, RateLimitProperties properties, MeterRegistry meters,
			ApplicationEventPublisher events) {
		return new Limiter(buckets, properties.redis().onFailure(), meters, events::publishEvent);
	}

	/**
	 * The counts behind the sign-in slow-down and the alert rules live where the buckets
	 * do, so that every node sees the same counts when the buckets are shared.
	 */
	@Bean
	SharedCounters sharedCounters(RateLimitProperties properties, Limiter limiter) {
		if (properties.store() == RateLimitProperties.Store.REDIS) {
			RateLimitProperties.Redis redis = properties.redis();
			return new RedisCounters(redis.url(), redis.timeout(), redis.onFailure() == Limiter.OnFailure.OPEN,
					limiter::storeFailed);
		}
		return new MemoryCounters();
	}

	@Bean
	Policies rateLimitPolicies(RateLimitProperties properties) {
		return new Policies(Policies.Defaults.of(properties));
	}

	@Bean
	AppLimits appLimits(JdbcClient jdbc, Policies policies, CacheEvictions evictions, ApplicationEventPublisher events,
			Clock clock) {
		return new AppLimits(new JdbcAppLimits(jdbc), policies, evictions, events, clock);
	}

	@Bean
	Refusals rateLimitRefusals(ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
		return new Refusals(events, clock, meters);
	}

	@Bean
	FailedClientAuthentications failedClientAuthentications(Limiter limiter, Policies policies) {
		return new FailedClientAuthentications(limiter, policies);
	}

	@Bean
	FilterRegistrationBean<OAuthEndpointLimits> oauthEndpointLimits(Limiter limiter, Policies policies,
			Refusals refusals) {
		FilterRegistrationBean<OAuthEndpointLimits> registration = new FilterRegistrationBean<>(
				new OAuthEndpointLimits(limiter, policies, refusals));
		registration.addUrlPatterns(OAuthEndpointLimits.TOKEN_ENDPOINT, "/oauth2/introspect", "/oauth2/revoke");
		return once(registration, BEFORE_SECURITY);
	}

	@Bean
	FilterRegistrationBean<SignInLimits> signInLimits(Limiter limiter, Policies policies, Refusals refusals) {
		FilterRegistrationBean<SignInLimits> registration = new FilterRegistrationBean<>(
				new SignInLimits(limiter, policies, refusals));
		registration.addUrlPatterns(SignInPages.SIGN_IN);
		return once(registration, BEFORE_SECURITY);
	}

	@Bean
	FilterRegistrationBean<ApiLimits> apiLimits(Limiter limiter, Policies policies, Refusals refusals) {
		FilterRegistrationBean<ApiLimits> registration = new FilterRegistrationBean<>(
				new ApiLimits(limiter, policies, refusals));
		registration.addUrlPatterns("/api/v1/*");
		return once(registration, AFTER_SECURITY);
	}

	private static <T extends jakarta.servlet.Filter> FilterRegistrationBean<T> once(
			FilterRegistrationBean<T> registration, int order) {
		registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
		registration.setOrder(order);
		return registration;
	}

}
