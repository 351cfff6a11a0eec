package dev.mailgate.oauth.internal;

import java.util.Map;

import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.platform.CredentialFormat;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint's rules, each with the section that makes it.
 */
class TokenEndpointIntegrationTests extends OAuthTestSupport {

	@Test
	void clientCredentialsWhenConfidentialAppThenOpaqueMailgateToken() {
		RegisteredApp app = confidentialApp("contacts.read contacts.write");

		Map<String, Object> token = this.flows.clientCredentials(app.app().clientId(), app.clientSecret(),
				"contacts.read");

		// RFC 6749 §4.4.3, §5.1
		assertThat(token).containsEntry("token_type", "Bearer").containsEntry("scope", "contacts.read");
		assertThat((String) token.get("access_token"))
			.satisfies((value) -> assertThat(SignedAccessTokens.isWellFormedAccessToken(value)).isTrue());
		assertThat(((Number) token.get("expires_in")).intValue()).isBetween(895, 900);
		assertThat(token).doesNotContainKey("refresh_token");
	}

	@Test
	void clientCredentialsTokenActsOnTheWorkspaceThatOwnsTheApp() {
		RegisteredApp app = confidentialApp("contacts.read");
		String token = (String) this.flows.clientCredentials(app.app().clientId(), app.clientSecret(), "contacts.read")
			.get("access_token");

		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + token)).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.workspace_id",
					(workspace) -> assertThat(workspace).isEqualTo(app.app().workspace().toString()))
			.hasPathSatisfying("$.client_id", (client) -> assertThat(client).isEqualTo(app.app().clientId()))
			.hasPathSatisfying("$.user_id", (user) -> assertThat(user).isNull());
	}

	@Test
	void clientCredentialsWhenPublicClientThenUnauthorizedClient() {
		RegisteredApp app = publicApp("contacts.read");

		// RFC 6749 §5.2: the client is not authorized to use this grant type
		assertThat(this.flows.token(app.app().clientId(), null, "grant_type", "client_credentials"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("unauthorized_client"));
	}

	@Test
	void tokenRequestWhenWrongSecretThenInvalidClientWithBasicChallenge() {
		RegisteredApp app = confidentialApp("contacts.read");

		// RFC 6749 §5.2: 401, and WWW-Authenticate when the client used HTTP Basic
		assertThat(this.flows.token(app.app().clientId(), CredentialFormat.generate(CredentialFormat.CLIENT_SECRET),
				"grant_type", "client_credentials"))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.containsHeader("WWW-Authenticate")
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_client"));
	}

	@Test
	void tokenRequestWhenSecretHasBadChecksumThenInvalidClient() {
		RegisteredApp app = confidentialApp("contacts.read");
		String secret = app.clientSecret();
		String mistyped = secret.substring(0, 10) + (secret.charAt(10) == 'a' ? 'b' : 'a') + secret.substring(11);

		assertThat(this.flows.token(app.app().clientId(), mistyped, "grant_type", "client_credentials"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void tokenRequestWhenPasswordGrantThenUnsupportedGrantType() {
		RegisteredApp app = confidentialApp("contacts.read");

		// RFC 9700 §2.4: the resource owner password credentials grant must not be used
		assertThat(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "password", "username",
				"a@example.com", "password", "x"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("unsupported_grant_type"));
	}

	@Test
	void tokenRequestWhenParameterRepeatedThenInvalidRequest() {
		RegisteredApp app = confidentialApp("contacts.read");

		// RFC 6749 §5.2: invalid_request when a parameter is included more than once
		assertThat(this.mvc.post()
			.uri("/oauth2/token")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.httpBasic(app.app().clientId(), app.clientSecret()))
			.param("grant_type", "client_credentials")
			.param("scope", "contacts.read", "contacts.read")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_request"));
	}

	/**
	 * Spring Authorization Server's Basic converter reads the first word of the header
	 * split on whitespace, and a header of nothing but whitespace has none (a 500 before,
	 * found by fuzzing). Only a header of two words can be Basic credentials.
	 */
	@Test
	void tokenRequestWhenAuthorizationHeaderIsOnlyWhitespaceThenInvalidRequest() {
		// (Spring Security's firewall refuses other whitespace, a control character,
		// before)
		for (String header : new String[] { " ", "   " }) {
			// RFC 6749 §5.2: invalid_request when the request is otherwise malformed
			assertThat(this.mvc.post()
				.uri("/oauth2/token")
				.header("Authorization", header)
				.param("grant_type", "client_credentials")).hasStatus(HttpStatus.BAD_REQUEST)
				.bodyJson()
				.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_request"));
		}
	}

	@Test
	void tokenRequestWhenScopeNotRegisteredThenInvalidScope() {
		RegisteredApp app = confidentialApp("contacts.read");

		// RFC 6749 §5.2: invalid_scope
		assertThat(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "client_credentials",
				"scope", "campaigns.send"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_scope"));
	}

	@Test
	void tokenRequestWithoutGrantTypeThenInvalidRequest() {
		RegisteredApp app = confidentialApp("contacts.read");

		assertThat(this.flows.token(app.app().clientId(), app.clientSecret())).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.error",
					(error) -> assertThat(error).isIn("invalid_request", "unsupported_grant_type"));
	}

}
