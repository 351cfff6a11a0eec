package dev.mailgate.oauth.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The registration endpoint's chain: no session, no CSRF; {@link DynamicRegistration}
 * checks the bearer token itself, since RFC 7592 authenticates with registration access
 * tokens.
 */
@Configuration(proxyBeanMethods = false)
class RegistrationSecurity {

	@Bean
	@Order(4)
	SecurityFilterChain registrationChain(HttpSecurity http) throws Exception {
		return http.securityMatcher(DynamicRegistration.PATH, DynamicRegistration.PATH + "/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.build();
	}

}
