package dev.mailgate.contacts.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Each test class gets a workspace of its own (a person who signed up) and an app in it
 * holding both contacts scopes, so that tests see only their own contacts.
 */
abstract class ContactsApiTestSupport extends IntegrationTestSupport {

	@Autowired
	Apps apps;

	@Autowired
	Accounts accounts;

	OAuthFlows flows;

	String token;

	WorkspaceId workspace;

	@BeforeEach
	void workspaceWithAnApp() {
		this.flows = new OAuthFlows(this.mvc);
		this.workspace = newWorkspace();
		this.token = token(this.workspace, "contacts.read contacts.write");
	}

	WorkspaceId newWorkspace() {
		String email = "marketer-" + UUID.randomUUID() + "@example.com";
		this.flows.newPerson(email);
		return this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(email).orElseThrow().id()).orElseThrow();
	}

	String token(WorkspaceId workspace, String scope) {
		RegisteredApp app = this.apps.register(workspace, ClientMetadata
			.toNewApp(Map.of("client_name", "Acme CRM", "grant_types", List.of("client_credentials"), "scope", scope)),
				false);
		return (String) this.flows.clientCredentials(app.app().clientId(), app.clientSecret(), scope)
			.get("access_token");
	}

	MvcTestResult get(String uri) {
		return this.mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token).exchange();
	}

	MvcTestResult send(String method, String uri, String json, String... headers) {
		var request = this.mvc.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request = request.header(headers[i], headers[i + 1]);
		}
		return request.exchange();
	}

	MvcTestResult delete(String uri, String... headers) {
		var request = this.mvc.delete().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request = request.header(headers[i], headers[i + 1]);
		}
		return request.exchange();
	}

	static Map<String, Object> json(MvcTestResult result) {
		return OAuthFlows.json(result);
	}

	/**
	 * Creates a contact and answers its JSON.
	 */
	Map<String, Object> contact(String json) {
		MvcTestResult created = send("POST", "/api/v1/contacts", json);
		if (created.getResponse().getStatus() != 201) {
			throw new AssertionError("Could not create a contact: " + created.getResponse().getStatus());
		}
		return json(created);
	}

}
