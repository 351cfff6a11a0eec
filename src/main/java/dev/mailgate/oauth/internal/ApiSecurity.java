package dev.mailgate.oauth.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The API (chain 2): bearer tokens only, no sessions, no cookies, no CSRF. Each family of
 * endpoints needs its scope ({@link ApiScopes}); the protected resource metadata (RFC
 * 9728) tells clients which authorization server issues the tokens.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

	@Bean
	@Order(2)
	SecurityFilterChain apiChain(HttpSecurity http, JwtDecoder bearerTokens, IssuerProperties issuer) throws Exception {
		ProblemBearerResponses problems = new ProblemBearerResponses();
		return http.securityMatcher("/api/**", "/.well-known/oauth-protected-resource/**")
			.authorizeHttpRequests((requests) -> {
				// signed by the reporting scanner instead of a bearer token
				// (LeakedCredentials)
				requests.requestMatchers(HttpMethod.POST, "/api/v1/leaked-credentials").permitAll();
				ApiScopes.RULES
					.forEach((rule) -> requests.requestMatchers(rule.method(), rule.patterns().toArray(String[]::new))
						.hasAuthority(rule.authority()));
				requests.anyRequest().authenticated();
			})
			.oauth2ResourceServer(
					(resource) -> resource.jwt((jwt) -> jwt.authenticationManager(bearerTokenCheck(bearerTokens)))
						.authenticationConverter(new BearerHeader())
						.authenticationEntryPoint(problems)
						.accessDeniedHandler(problems)
						.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer(
								(builder) -> builder.authorizationServer(issuer.trimmed())
									.scopes((scopes) -> scopes.addAll(dev.mailgate.apps.Scope.allValues()))
									.resourceName("Mailgate marketing API"))))
			// no session to protect from fixation: the filter would ask Spring Session
			// for one on every call
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
				.sessionFixation((fixation) -> fixation.none()))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.build();
	}

	/**
	 * The bearer token check on its own, not inside a {@code ProviderManager}: that one
	 * would publish an authentication event for every API call, which nothing in Mailgate
	 * listens to, and ask the chain's other providers whether they take the token
	 * (docs/benchmarks.md, "The API chain's per-call extras"). A token that fails throws
	 * Spring's {@code InvalidBearerTokenException} as before.
	 */
	private static AuthenticationManager bearerTokenCheck(JwtDecoder bearerTokens) {
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(bearerTokens);
		return provider::authenticate;
	}

}
