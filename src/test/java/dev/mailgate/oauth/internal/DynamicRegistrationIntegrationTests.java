package dev.mailgate.oauth.internal;

import java.util.Map;

import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dynamic client registration (RFC 7591) and management (RFC 7592), authorized by a token
 * of the bootstrap client, which holds scope client.create.
 */
class DynamicRegistrationIntegrationTests extends OAuthTestSupport {

	static final String METADATA = """
			{"client_name": "Social Scheduler", "redirect_uris": ["https://social.example.com/cb"],
			 "grant_types": ["authorization_code", "refresh_token"], "scope": "campaigns.read reports.read",
			 "client_uri": "https://social.example.com"}""";

	String creatorToken;

	@BeforeEach
	void creatorToken() {
		this.creatorToken = (String) this.flows
			.clientCredentials(BOOTSTRAP_CLIENT_ID, BOOTSTRAP_CLIENT_SECRET, "client.create")
			.get("access_token");
	}

	@Test
	void registrationCreatesAConfidentialAppInTheTokensWorkspace() {
		MvcTestResult registered = register(this.creatorToken, METADATA);

		// RFC 7591 §3.2.1: 201 with client_id, the secret, and the registered metadata
		assertThat(registered).hasStatus(HttpStatus.CREATED);
		Map<String, Object> body = OAuthFlows.json(registered);
		assertThat(body).containsEntry("client_name", "Social Scheduler")
			.containsEntry("token_endpoint_auth_method", "client_secret_basic")
			.containsEntry("client_secret_expires_at", 0)
			.containsKeys("client_id", "client_secret", "client_id_issued_at", "registration_access_token",
					"registration_client_uri");
		assertThat(this.apps.byClientId((String) body.get("client_id")).orElseThrow().workspace())
			.isEqualTo(this.accounts.bootstrapWorkspace().orElseThrow());
		assertThat(this.flows.clientCredentials((String) body.get("client_id"), (String) body.get("client_secret"),
				"reports.read"))
			.containsKey("error");
	}

	@Test
	void registrationWithoutClientCreateScopeIsForbidden() {
		var app = confidentialApp("contacts.read");
		String token = (String) this.flows.clientCredentials(app.app().clientId(), app.clientSecret(), "contacts.read")
			.get("access_token");

		// RFC 7591 §3: the endpoint may require an initial access token; RFC 6750 §3.1:
		// insufficient_scope
		assertThat(register(token, METADATA)).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(register(null, METADATA)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void registrationWithHttpRedirectUriIsInvalidRedirectUri() {
		// RFC 7591 §3.2.2: invalid_redirect_uri; RFC 9700 §2.1: https except loopback
		assertThat(register(this.creatorToken, """
				{"client_name": "Bad", "redirect_uris": ["http://evil.example.com/cb"]}"""))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_redirect_uri"))
			.hasPathSatisfying("$.error_description", (text) -> assertThat(text).asString().contains("https"));
	}

	@Test
	void registrationWithWildcardOrFragmentRedirectUriIsRefused() {
		assertThat(register(this.creatorToken, """
				{"client_name": "Bad", "redirect_uris": ["https://*.example.com/cb"]}""")).bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_redirect_uri"));
		assertThat(register(this.creatorToken, """
				{"client_name": "Bad", "redirect_uris": ["https://app.example.com/cb#frag"]}""")).bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_redirect_uri"));
	}

	@Test
	void registrationWithUnknownScopeOrBadTypesIsInvalidClientMetadata() {
		assertThat(register(this.creatorToken, """
				{"client_name": "Bad", "redirect_uris": ["https://a.example.com/cb"], "scope": "everything"}"""))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_client_metadata"))
			.hasPathSatisfying("$.error_description", (text) -> assertThat(text).asString().contains("everything"));
		assertThat(register(this.creatorToken, """
				{"client_name": "Bad", "redirect_uris": "https://a.example.com/cb"}""")).bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_redirect_uri"));
		assertThat(register(this.creatorToken, "{not json")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_client_metadata"));
	}

	@Test
	void registrationAccessTokenReadsUpdatesAndDeletesTheRegistration() {
		Map<String, Object> body = OAuthFlows.json(register(this.creatorToken, METADATA));
		String uri = ((String) body.get("registration_client_uri")).substring(ISSUER.length());
		String registrationToken = (String) body.get("registration_access_token");

		// RFC 7592 §2.1, §2.2, §2.3
		assertThat(this.mvc.get().uri(uri).header("Authorization", "Bearer " + registrationToken)).hasStatusOk()
			.bodyJson()
			.doesNotHavePath("$.client_secret")
			.hasPathSatisfying("$.client_name", (name) -> assertThat(name).isEqualTo("Social Scheduler"));
		assertThat(this.mvc.put()
			.uri(uri)
			.header("Authorization", "Bearer " + registrationToken)
			.contentType(MediaType.APPLICATION_JSON)
			.content(METADATA.replace("Social Scheduler", "Social Scheduler Pro"))).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.client_name", (name) -> assertThat(name).isEqualTo("Social Scheduler Pro"));
		assertThat(this.mvc.get().uri(uri).header("Authorization", "Bearer wrong-token"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.delete().uri(uri).header("Authorization", "Bearer " + registrationToken))
			.hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.apps.byClientId((String) body.get("client_id"))).isEmpty();
	}

	private MvcTestResult register(String token, String json) {
		var request = this.mvc.post().uri("/oauth2/register").contentType(MediaType.APPLICATION_JSON).content(json);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request.exchange();
	}

}
