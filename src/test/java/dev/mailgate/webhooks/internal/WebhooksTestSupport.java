package dev.mailgate.webhooks.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Each test signs a marketer up (a workspace of their own, a signed-in session),
 * registers an app there that holds {@code webhooks.manage} and the contacts scopes, and
 * opens a real endpoint on 127.0.0.1 to receive its webhooks.
 */
abstract class WebhooksTestSupport extends IntegrationTestSupport {

	static final String SCOPES = "contacts.read contacts.write webhooks.manage";

	@Autowired
	Apps apps;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	OAuthFlows flows;

	String marketer;

	MockHttpSession session;

	WorkspaceId workspace;

	TestApp app;

	ReceivingEndpoint endpoint;

	record TestApp(String clientId, String token) {
	}

	@BeforeEach
	void workspaceAppAndEndpoint() {
		this.flows = new OAuthFlows(this.mvc);
		this.marketer = "marketer-" + UUID.randomUUID() + "@example.com";
		this.session = this.flows.newPerson(this.marketer);
		this.workspace = workspaceOf(this.marketer);
		this.app = app(this.workspace, SCOPES);
		this.endpoint = new ReceivingEndpoint();
	}

	@AfterEach
	void closeEndpoint() {
		this.endpoint.close();
	}

	WorkspaceId workspaceOf(String email) {
		return this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(email).orElseThrow().id()).orElseThrow();
	}

	TestApp app(WorkspaceId workspace, String scope) {
		RegisteredApp app = this.apps.register(workspace, ClientMetadata
			.toNewApp(Map.of("client_name", "Acme CRM", "grant_types", List.of("client_credentials"), "scope", scope)),
				false);
		String token = (String) this.flows.clientCredentials(app.app().clientId(), app.clientSecret(), scope)
			.get("access_token");
		return new TestApp(app.app().clientId(), token);
	}

	MvcTestResult call(TestApp app, String method, String uri, String json) {
		var request = this.mvc.method(HttpMethod.valueOf(method))
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + app.token());
		if (json != null) {
			request = request.contentType(MediaType.APPLICATION_JSON).content(json);
		}
		return request.exchange();
	}

	MvcTestResult call(String method, String uri, String json) {
		return call(this.app, method, uri, json);
	}

	/**
	 * Subscribes the app to the events at the test's endpoint; answers the created
	 * subscription with its secret.
	 */
	Map<String, Object> subscribe(TestApp app, String... events) {
		String json = "{\"url\": \"%s\", \"events\": [%s], \"description\": \"test\"}".formatted(this.endpoint.url(),
				String.join(", ", Arrays.stream(events).map((e) -> "\"" + e + "\"").toList()));
		MvcTestResult created = call(app, "POST", "/api/v1/webhooks", json);
		if (created.getResponse().getStatus() != 201) {
			throw new AssertionError("Could not subscribe: " + created.getResponse().getStatus() + " " + body(created));
		}
		return OAuthFlows.json(created);
	}

	Map<String, Object> subscribe(String... events) {
		return subscribe(this.app, events);
	}

	void createContact(TestApp app, String email) {
		MvcTestResult created = call(app, "POST", "/api/v1/contacts", "{\"email\": \"%s\"}".formatted(email));
		if (created.getResponse().getStatus() != 201) {
			throw new AssertionError("Could not create a contact: " + created.getResponse().getStatus());
		}
	}

	static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static <T> T read(String json, String path) {
		return JsonPath.read(json, path);
	}

}
