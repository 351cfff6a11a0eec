package dev.mailgate.oauth.internal;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.mailgate.apps.Scope;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 document of the marketing API ({@code /v3/api-docs}, shown by Swagger
 * UI at {@code /docs}): Mailgate as the server and as the authorization server, each
 * operation with the scope {@link ApiScopes} makes it need, and every error as an RFC
 * 9457 problem. Controllers describe their own operations and bodies. Left out with
 * {@code springdoc.api-docs.enabled=false}, like springdoc's own beans, which
 * {@link #snakeCaseSchemas} needs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
class ApiDocumentation {

	static final String OAUTH2 = "oauth2";

	static final String BEARER = "bearer";

	@Bean
	OpenAPI marketingApi(IssuerProperties issuer, ScopeCatalog catalog) {
		Scopes scopes = new Scopes();
		catalog.describe(Scope.allValues(), Locale.ENGLISH)
			.forEach((scope) -> scopes.addString(scope.scope(), scope.description()));
		String base = issuer.trimmed();
		return new OpenAPI().info(new Info().title("Mailgate marketing API").version("v1").description("""
				Contacts, lists and custom fields, and the workspace's apps. Every call needs an access \
				token from Mailgate's authorization server: in this page, **Authorize** signs you in and \
				asks for your consent like any app would. JSON names are snake_case; lists come a page at \
				a time (`data`, `next_cursor`); errors are RFC 9457 problems."""))
			.servers(List.of(new Server().url(base).description("this Mailgate")))
			.components(new Components()
				.addSecuritySchemes(OAUTH2, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
					.description("Authorization code with PKCE (S256), as every app that acts for a person uses it")
					.flows(new OAuthFlows()
						.authorizationCode(new OAuthFlow().authorizationUrl(base + "/oauth2/authorize")
							.tokenUrl(base + "/oauth2/token")
							.refreshUrl(base + "/oauth2/token")
							.scopes(scopes))))
				.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description(
							"An access token got any other way, such as with client credentials (mga_… or a JWT)")));
	}

	@Bean
	OpenApiCustomizer scopesAndProblems() {
		return new ApiDocsOperations();
	}

	/**
	 * The API writes snake_case JSON (Jackson 3, {@code spring.jackson}); swagger-core
	 * reads the documented types with its own Jackson 2 mapper, which is told the same.
	 */
	@Bean
	ModelResolver snakeCaseSchemas(ObjectMapperProvider mappers) {
		return new ModelResolver(
				mappers.jsonMapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
			.openapi31(true);
	}

}
