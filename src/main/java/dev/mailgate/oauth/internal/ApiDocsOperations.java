package dev.mailgate.oauth.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.http.HttpMethod;

/**
 * What every operation of the API shares, added to the document once: the scope it needs
 * (from {@link ApiScopes}, as enforced), its 401 and 403, the 413 of a body over the
 * limit, and the problem body of every error response.
 */
class ApiDocsOperations implements OpenApiCustomizer {

	static final String PROBLEM = "#/components/schemas/Problem";

	@Override
	public void customise(OpenAPI api) {
		ModelConverters.getInstance(true)
			.readAll(new AnnotatedType(ProblemSchema.class))
			.forEach((name, schema) -> api.getComponents().addSchemas(name, schema));
		api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			Optional<String> scope = ApiScopes.needed(HttpMethod.valueOf(method.name()), path);
			describeSecurity(operation, scope);
			if (operation.getRequestBody() != null) {
				operation.getResponses()
					.computeIfAbsent("413", (status) -> new ApiResponse()
						.description("The body is larger than the limit (5 MB unless the operator set another)"));
			}
			problems(operation.getResponses());
		}));
	}

	private static void describeSecurity(Operation operation, Optional<String> scope) {
		List<String> scopes = scope.map(List::of).orElse(List.of());
		// Either scheme will do; OpenAPI 3.1 lets a bearer one name scopes too.
		operation.security(List.of(new SecurityRequirement().addList(ApiDocumentation.OAUTH2, scopes),
				new SecurityRequirement().addList(ApiDocumentation.BEARER, scopes)));
		ApiResponses responses = operation.getResponses();
		responses.computeIfAbsent("401",
				(status) -> new ApiResponse().description("No access token, or an expired or revoked one (RFC 6750)")
					.addHeaderObject("WWW-Authenticate",
							new Header().description(
									"`Bearer` with `resource_metadata` (RFC 9728), and `error` when a token was sent")
								.schema(new Schema<String>().types(Set.of("string")))));
		scope.ifPresent((needed) -> responses.computeIfAbsent("403", (status) -> new ApiResponse()
			.description("The access token lacks scope `%s` (`error=\"insufficient_scope\"`)".formatted(needed))));
	}

	/**
	 * Every error answers a problem, whatever springdoc guessed from the method's return
	 * type.
	 */
	private static void problems(ApiResponses responses) {
		for (Map.Entry<String, ApiResponse> response : responses.entrySet()) {
			if (response.getKey().matches("[45]\\d\\d")) {
				response.getValue()
					.content(new Content().addMediaType(
							org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
							new MediaType().schema(new Schema<>().$ref(PROBLEM))));
			}
		}
	}

}
