package dev.mailgate.oauth.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The API (chain 2): bearer tokens only, no sessions, no cookies, no CSRF. Each family of
 * endpoints needs its scope; the protected resource metadata (RFC 9728) tells clients
 * which authorization server issues the tokens.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

	@Bean
	@Order(2)
	SecurityFilterChain apiChain(HttpSecurity http, JwtDecoder bearerTokens, IssuerProperties issuer) throws Exception {
		ProblemBearerResponses problems = new ProblemBearerResponses();
		return http.securityMatcher("/api/**", "/.well-known/oauth-protected-resource/**")
			.authorizeHttpRequests((requests) -> requests
				// signed by the reporting scanner instead of a bearer token
				// (LeakedCredentials)
				.requestMatchers(HttpMethod.POST, "/api/v1/leaked-credentials")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/api/v1/contacts/**", "/api/v1/lists/**", "/api/v1/fields/**")
				.hasAuthority("SCOPE_contacts.read")
				.requestMatchers("/api/v1/contacts/**", "/api/v1/lists/**", "/api/v1/fields/**")
				.hasAuthority("SCOPE_contacts.write")
				.requestMatchers(HttpMethod.GET, "/api/v1/campaigns/**")
				.hasAuthority("SCOPE_campaigns.read")
				.requestMatchers("/api/v1/campaigns/**")
				.hasAuthority("SCOPE_campaigns.write")
				.requestMatchers("/api/v1/events/**")
				.hasAuthority("SCOPE_reports.read")
				.requestMatchers("/api/v1/webhooks/**")
				.hasAuthority("SCOPE_webhooks.manage")
				.requestMatchers("/api/v1/apps/**")
				.hasAuthority("SCOPE_apps.manage")
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((resource) -> resource.jwt((jwt) -> jwt.decoder(bearerTokens))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.protectedResourceMetadata((metadata) -> metadata
					.protectedResourceMetadataCustomizer((builder) -> builder.authorizationServer(issuer.trimmed())
						.scopes((scopes) -> scopes.addAll(dev.mailgate.apps.Scope.allValues()))
						.resourceName("Mailgate marketing API"))))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.build();
	}

}
