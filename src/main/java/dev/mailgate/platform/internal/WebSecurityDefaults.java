package dev.mailgate.platform.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * What every security filter chain of every module shares: the response headers that keep
 * pages out of frames, scripts to our own origin and URLs (which carry OAuth codes) out
 * of Referer headers. Also the chain for {@code /actuator/**}.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityDefaults {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data: https:; font-src 'self'; connect-src 'self'; object-src 'none'; "
			+ "base-uri 'self'; frame-ancestors 'none'";

	/**
	 * Spring Security applies every {@code Customizer<HttpSecurity>} bean to each chain
	 * it builds.
	 */
	@Bean
	Customizer<HttpSecurity> securityHeaders() {
		return (http) -> http
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions((frames) -> frames.deny())
				.httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
	}

	/**
	 * Spring Security observes every filter of every chain, every authentication and
	 * every authorization decision by default: a meter look-up per filter per request, a
	 * fifth of the token endpoint's CPU in a profile (docs/benchmarks.md). The
	 * per-request HTTP metrics stay; these go.
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Health is open to load balancers; every other actuator endpoint (Prometheus
	 * metrics) is for platform administrators, with HTTP Basic for scrapers or a
	 * signed-in session.
	 */
	@Bean
	@Order(3)
	SecurityFilterChain actuatorChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/actuator/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.anyRequest()
				.hasRole("ADMIN"))
			.httpBasic((basic) -> basic.realmName("Mailgate"))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

}
