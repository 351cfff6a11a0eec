package dev.mailgate.oauth.internal;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.NewApp;
import dev.mailgate.apps.Scope;
import dev.mailgate.apps.TokenFormat;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document at {@code /v3/api-docs}, as a developer or a code generator reads
 * it without any token, and Swagger UI's set-up at {@code /docs}.
 */
class ApiDocumentationIntegrationTests extends OAuthTestSupport {

	@Autowired
	ApiDocsClient docsClient;

	@Test
	void documentIsOpenApi31AndNamesMailgateAsServerAndAuthorizationServer() throws Exception {
		DocumentContext doc = apiDocs();
		assertThat(doc.read("$.openapi", String.class)).startsWith("3.1.");
		assertThat(doc.read("$.info.title", String.class)).isEqualTo("Mailgate marketing API");
		assertThat(this.mvc.get().uri("/v3/api-docs.yaml")).hasStatusOk().bodyText().contains("openapi: 3.1.");
		assertThat(doc.read("$.servers[*].url", List.class)).containsExactly(ISSUER);
		Map<String, Object> flow = doc.read("$.components.securitySchemes.oauth2.flows.authorizationCode");
		assertThat(flow).containsEntry("authorizationUrl", ISSUER + "/oauth2/authorize")
			.containsEntry("tokenUrl", ISSUER + "/oauth2/token");
		assertThat(doc.read("$.components.securitySchemes.oauth2.flows.authorizationCode.scopes", Map.class))
			.containsOnlyKeys(Scope.allValues().toArray())
			.containsEntry("contacts.read",
					"Read contacts, their custom fields, tags, subscription status and list membership.");
		assertThat(doc.read("$.components.securitySchemes.bearer", Map.class)).containsEntry("type", "http")
			.containsEntry("scheme", "bearer");
	}

	@Test
	void documentHasTheMarketingApiAndNoPagesActuatorOrProtocolEndpoints() throws Exception {
		Map<String, Object> paths = apiDocs().read("$.paths");
		assertThat(paths).containsKeys("/api/v1/contacts", "/api/v1/contacts/{key}", "/api/v1/contacts/{id}",
				"/api/v1/contacts/{email}", "/api/v1/contacts/batch", "/api/v1/lists", "/api/v1/lists/{id}/contacts",
				"/api/v1/fields", "/api/v1/fields/{key}", "/api/v1/me", "/api/v1/apps",
				"/api/v1/apps/{clientId}/secrets");
		assertThat(paths.keySet()).allMatch((path) -> path.startsWith("/api/v1/"))
			.doesNotContain("/api/v1/leaked-credentials");
	}

	@Test
	void eachOperationNeedsTheScopeTheApiEnforces() throws Exception {
		DocumentContext doc = apiDocs();
		assertThat(security(doc, "/api/v1/contacts", "get")).containsExactly(Map.of("oauth2", List.of("contacts.read")),
				Map.of("bearer", List.of("contacts.read")));
		assertThat(security(doc, "/api/v1/contacts/batch", "post"))
			.containsExactly(Map.of("oauth2", List.of("contacts.write")), Map.of("bearer", List.of("contacts.write")));
		assertThat(security(doc, "/api/v1/lists/{id}/contacts", "get"))
			.contains(Map.of("oauth2", List.of("contacts.read")));
		assertThat(security(doc, "/api/v1/fields/{key}", "delete"))
			.contains(Map.of("oauth2", List.of("contacts.write")));
		assertThat(security(doc, "/api/v1/apps/{clientId}", "get")).contains(Map.of("oauth2", List.of("apps.manage")));
		assertThat(security(doc, "/api/v1/me", "get")).containsExactly(Map.of("oauth2", List.of()),
				Map.of("bearer", List.of()));
		assertThat(doc.read("$.paths['/api/v1/contacts'].get.responses['403'].description", String.class))
			.contains("contacts.read");
		assertThat(doc.read("$.paths['/api/v1/me'].get.responses", Map.class)).containsKey("401")
			.doesNotContainKey("403");
	}

	@Test
	void contactBodiesAreDescribedInSnakeCaseWithTheirSchemas() throws Exception {
		DocumentContext doc = apiDocs();
		assertThat(doc.read("$.components.schemas.Contact.properties", Map.class)).containsKeys("id", "email",
				"first_name", "last_name", "status", "consent_source", "consent_at", "tags", "fields", "lists",
				"created_at", "updated_at");
		assertThat(doc.read("$.components.schemas.Contact.properties.status.enum", List.class))
			.containsExactly("subscribed", "unsubscribed", "cleaned", "pending");
		assertThat(doc.read("$.components.schemas.Contact.properties.first_name.type", List.class))
			.containsExactlyInAnyOrder("string", "null");
		assertThat(doc.read("$.components.schemas.ContactInput.additionalProperties", Boolean.class)).isFalse();
		assertThat(body(doc, "/api/v1/contacts", "post")).isEqualTo("#/components/schemas/ContactInput");
		assertThat(answer(doc, "/api/v1/contacts/{key}", "get", "200")).isEqualTo("#/components/schemas/Contact");
		assertThat(body(doc, "/api/v1/contacts/batch", "post")).isEqualTo("#/components/schemas/ContactBatch");
		assertThat(doc.read("$.components.schemas.ContactBatch.properties.contacts.maxItems", Integer.class))
			.isEqualTo(1000);
		assertThat(answer(doc, "/api/v1/contacts/batch", "post", "200")).isEqualTo("#/components/schemas/BatchResult");
		assertThat(doc.read("$.components.schemas.BatchItem.properties", Map.class)).containsKeys("index", "outcome",
				"id", "errors");
		assertThat(answer(doc, "/api/v1/contacts", "get", "200")).isEqualTo("#/components/schemas/ContactPage");
		assertThat(doc.read("$.components.schemas.ContactPage.required", List.class)).containsExactly("data",
				"next_cursor");
		assertThat(answer(doc, "/api/v1/lists", "get", "200")).isEqualTo("#/components/schemas/ListPage");
		assertThat(answer(doc, "/api/v1/fields", "post", "201")).isEqualTo("#/components/schemas/Field");
		assertThat(doc.read("$.components.schemas.Me.properties", Map.class)).containsKeys("workspace_id", "user_id",
				"client_id", "scopes", "expires_at");
	}

	@Test
	void everyErrorIsAProblemNamingTheWrongProperties() throws Exception {
		DocumentContext doc = apiDocs();
		assertThat(doc.read("$.paths['/api/v1/contacts'].post.responses['400'].content['application/problem+json']"
				+ ".schema['$ref']", String.class))
			.isEqualTo("#/components/schemas/Problem");
		assertThat(doc.read("$.paths['/api/v1/contacts/{id}'].patch.responses", Map.class)).containsKeys("400", "401",
				"403", "404", "409", "412", "413");
		assertThat(doc.read("$.components.schemas.Problem.properties", Map.class)).containsKeys("type", "title",
				"status", "detail", "field", "errors");
		assertThat(doc.read("$.components.schemas.FieldError.properties", Map.class)).containsOnlyKeys("field",
				"detail");
	}

	@Test
	void swaggerUiIsPublicAndSignsInAsThePublicDocsClientWithPkce() throws Exception {
		assertThat(this.mvc.get().uri("/docs")).hasStatus3xxRedirection()
			.hasRedirectedUrl("/docs/swagger-ui/index.html");
		assertThat(this.mvc.get().uri("/docs/swagger-ui/index.html")).hasStatusOk().bodyText().contains("swagger-ui");
		DocumentContext config = JsonPath
			.parse(this.mvc.get().uri("/v3/api-docs/swagger-config").exchange().getResponse().getContentAsString());
		assertThat(config.read("$.oauth2RedirectUrl", String.class)).endsWith(ApiDocsClient.REDIRECT_PATH);
		assertThat(this.mvc.get().uri("/docs/swagger-ui/swagger-initializer.js")).hasStatusOk()
			.bodyText()
			.contains("\"clientId\":\"mailgate-api-docs\"", "\"usePkceWithAuthorizationCodeGrant\":true");
		AppClient docs = this.apps.byClientId("mailgate-api-docs").orElseThrow();
		assertThat(docs.confidential()).isFalse();
		assertThat(docs.redirectUris()).containsExactly(ISSUER + ApiDocsClient.REDIRECT_PATH);
		assertThat(docs.grantTypes()).containsExactly("authorization_code");
		assertThat(docs.scopes()).containsAll(Scope.allValues());
	}

	@Test
	void docsClientIsRegisteredOnceAndRestoredOnEveryStart() {
		AppClient registered = this.apps.byClientId("mailgate-api-docs").orElseThrow();
		this.apps.update(registered.id(),
				new NewApp(registered.name(), null, null, null, false, List.of("https://elsewhere.example.com/docs"),
						registered.grantTypes(), Set.of("contacts.read"), TokenFormat.OPAQUE, Duration.ofMinutes(15)));

		this.docsClient.run(new DefaultApplicationArguments());

		AppClient restored = this.apps.byClientId("mailgate-api-docs").orElseThrow();
		assertThat(restored.id()).isEqualTo(registered.id());
		assertThat(restored.redirectUris()).containsExactly(ISSUER + ApiDocsClient.REDIRECT_PATH);
		assertThat(restored.scopes()).containsAll(Scope.allValues());
	}

	private DocumentContext apiDocs() throws UnsupportedEncodingException {
		MvcTestResult result = this.mvc.get().uri("/v3/api-docs").exchange();
		assertThat(result).hasStatusOk();
		return JsonPath.parse(result.getResponse().getContentAsString());
	}

	private static List<Map<String, List<String>>> security(DocumentContext doc, String path, String method) {
		return doc.read("$.paths['%s'].%s.security".formatted(path, method));
	}

	private static String body(DocumentContext doc, String path, String method) {
		return doc
			.read("$.paths['%s'].%s.requestBody.content['application/json'].schema['$ref']".formatted(path, method));
	}

	private static String answer(DocumentContext doc, String path, String method, String status) {
		return doc.read("$.paths['%s'].%s.responses['%s'].content['application/json'].schema['$ref']".formatted(path,
				method, status));
	}

}
