package dev.mailgate.oauth.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API documentation's chain: the OpenAPI document and Swagger UI are public, like the
 * authorization server metadata. Trying a call needs a token, which Swagger UI gets
 * through the consent page like any app.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsSecurity {

	static final String UI = "/docs/swagger-ui/index.html";

	@Bean
	@Order(5)
	SecurityFilterChain apiDocsChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/docs", "/docs/**", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.build();
	}

	/**
	 * {@code /docs} leads to Swagger UI while springdoc serves it (it serves Swagger UI
	 * only with the document); with either switch off, {@code /docs} is an honest 404
	 * instead of a redirect to one.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = { "springdoc.api-docs.enabled", "springdoc.swagger-ui.enabled" },
			matchIfMissing = true)
	static class SwaggerUiEntrance implements WebMvcConfigurer {

		@Override
		public void addViewControllers(ViewControllerRegistry registry) {
			registry.addRedirectViewController("/docs", UI);
		}

	}

}
