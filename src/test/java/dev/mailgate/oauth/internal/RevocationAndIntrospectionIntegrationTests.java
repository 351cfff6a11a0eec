package dev.mailgate.oauth.internal;

import java.util.Map;

import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.OAuthFlows.Pkce;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.json.AbstractJsonContentAssert;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationAndIntrospectionIntegrationTests extends OAuthTestSupport {

	@Test
	void revokedAccessTokenIsRefusedOnTheNextRequest() {
		RegisteredApp app = confidentialApp("contacts.read");
		String token = accessToken(app);
		assertThat(me(token)).hasStatusOk();

		// RFC 7009 §2.2: 200 whether or not the token was valid
		assertThat(this.flows.post("/oauth2/revoke", app.app().clientId(), app.clientSecret(), "token", token))
			.hasStatusOk();

		assertThat(me(token)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void revokingTheRefreshTokenRevokesTheAccessTokenOfTheSameGrant() {
		RegisteredApp app = confidentialApp("contacts.read");
		Map<String, Object> tokens = grant(app, "contacts.read");

		// RFC 7009 §2.1: revoking a refresh token should also invalidate access tokens of
		// the same grant
		this.flows.post("/oauth2/revoke", app.app().clientId(), app.clientSecret(), "token",
				(String) tokens.get("refresh_token"), "token_type_hint", "refresh_token");

		assertThat(me((String) tokens.get("access_token"))).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void publicClientRevokesItsRefreshTokenWithItsClientId() {
		RegisteredApp app = publicApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		Pkce pkce = OAuthFlows.pkce();
		String code = this.flows.code(person, app.app().clientId(), REDIRECT_URI, "contacts.read", pkce);
		Map<String, Object> tokens = OAuthFlows.json(this.flows.token(app.app().clientId(), null, "grant_type",
				"authorization_code", "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()));

		// RFC 7009 §2.1: a public client identifies itself with client_id alone
		assertThat(this.flows.post("/oauth2/revoke", app.app().clientId(), null, "token",
				(String) tokens.get("refresh_token")))
			.hasStatusOk();

		assertThat(me((String) tokens.get("access_token"))).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.flows.token(app.app().clientId(), null, "grant_type", "refresh_token", "refresh_token",
				(String) tokens.get("refresh_token")))
			.hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void revocationOfAnUnknownTokenAnswers200() {
		RegisteredApp app = confidentialApp("contacts.read");

		// RFC 7009 §2.2: invalid tokens do not cause an error response
		assertThat(this.flows.post("/oauth2/revoke", app.app().clientId(), app.clientSecret(), "token", "mga_nothing"))
			.hasStatusOk();
	}

	@Test
	void revocationWithoutClientAuthenticationIsRefused() {
		assertThat(this.mvc.post().uri("/oauth2/revoke").param("token", "mga_whatever"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void introspectionOfOwnLiveTokenIsActiveWithItsClaims() {
		RegisteredApp app = confidentialApp("contacts.read");
		String token = accessToken(app);

		// RFC 7662 §2.2
		assertThat(this.flows.post("/oauth2/introspect", app.app().clientId(), app.clientSecret(), "token", token))
			.hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.active", (active) -> assertThat(active).isEqualTo(true))
			.hasPathSatisfying("$.client_id", (client) -> assertThat(client).isEqualTo(app.app().clientId()))
			.hasPathSatisfying("$.scope", (scope) -> assertThat(scope).isEqualTo("contacts.read"))
			.hasPathSatisfying("$.token_type", (type) -> assertThat(type).isEqualTo("Bearer"))
			.hasPathSatisfying("$.iss", (iss) -> assertThat(iss).isEqualTo(ISSUER));
	}

	@Test
	void introspectionOfAnotherAppsTokenIsInactive() {
		RegisteredApp owner = confidentialApp("contacts.read");
		RegisteredApp other = confidentialApp("contacts.read");
		String token = accessToken(owner);

		// RFC 7662 §2.2 lets the server decide what a caller may learn; an app learns
		// only of its own tokens
		assertThat(this.flows.post("/oauth2/introspect", other.app().clientId(), other.clientSecret(), "token", token))
			.hasStatusOk()
			.bodyJson()
			.isEqualTo("{\"active\":false}");
	}

	@Test
	void introspectionOfRevokedTokenIsInactive() {
		RegisteredApp app = confidentialApp("contacts.read");
		String token = accessToken(app);
		this.flows.post("/oauth2/revoke", app.app().clientId(), app.clientSecret(), "token", token);

		assertThat(this.flows.post("/oauth2/introspect", app.app().clientId(), app.clientSecret(), "token", token))
			.bodyJson()
			.isEqualTo("{\"active\":false}");
	}

	@Test
	void aTokenIntrospectedBeforeItsRevocationIsInactiveRightAfter() {
		RegisteredApp app = confidentialApp("contacts.read");
		String token = accessToken(app);
		introspect(app, token).hasPathSatisfying("$.active", (active) -> assertThat(active).isEqualTo(true));

		// RFC 7009 §2.1: the revoked token is invalid at once, for introspection too
		// (RFC 7662 §2.2), though the first answer came from this node's token cache
		this.flows.post("/oauth2/revoke", app.app().clientId(), app.clientSecret(), "token", token);

		introspect(app, token).isEqualTo("{\"active\":false}");
	}

	@Test
	void aMistypedTokenIsInactive() {
		RegisteredApp app = confidentialApp("contacts.read");
		String token = accessToken(app);
		char last = token.charAt(token.length() - 1);
		String mistyped = token.substring(0, token.length() - 1) + ((last == 'a') ? 'b' : 'a');

		introspect(app, mistyped).isEqualTo("{\"active\":false}");
		introspect(app, token).hasPathSatisfying("$.active", (active) -> assertThat(active).isEqualTo(true));
	}

	@Test
	void aRefreshTokenIsActiveUntilItIsUsedAndItsAccessTokenUntilItIsReplaced() {
		RegisteredApp app = confidentialApp("contacts.read");
		Map<String, Object> first = grant(app, "contacts.read");
		String firstAccess = (String) first.get("access_token");
		String firstRefresh = (String) first.get("refresh_token");
		introspect(app, firstAccess).hasPathSatisfying("$.active", (active) -> assertThat(active).isEqualTo(true));
		introspect(app, firstRefresh).hasPathSatisfying("$.active", (active) -> assertThat(active).isEqualTo(true))
			.hasPathSatisfying("$.client_id", (client) -> assertThat(client).isEqualTo(app.app().clientId()));

		Map<String, Object> second = OAuthFlows.json(this.flows.token(app.app().clientId(), app.clientSecret(),
				"grant_type", "refresh_token", "refresh_token", firstRefresh));

		// RFC 9700 §4.14.2: the refresh token rotated; the grant's tokens are the new
		// ones
		introspect(app, firstRefresh).isEqualTo("{\"active\":false}");
		introspect(app, firstAccess).isEqualTo("{\"active\":false}");
		introspect(app, (String) second.get("access_token")).hasPathSatisfying("$.active",
				(active) -> assertThat(active).isEqualTo(true));
		introspect(app, (String) second.get("refresh_token")).hasPathSatisfying("$.active",
				(active) -> assertThat(active).isEqualTo(true));
	}

	@Test
	void aReusedRefreshTokenMakesTheGrantsIntrospectedTokenInactive() {
		RegisteredApp app = confidentialApp("contacts.read");
		Map<String, Object> first = grant(app, "contacts.read");
		String firstRefresh = (String) first.get("refresh_token");
		Map<String, Object> second = OAuthFlows.json(this.flows.token(app.app().clientId(), app.clientSecret(),
				"grant_type", "refresh_token", "refresh_token", firstRefresh));
		String current = (String) second.get("access_token");
		introspect(app, current).hasPathSatisfying("$.active", (active) -> assertThat(active).isEqualTo(true));

		// RFC 9700 §4.14.2: the spent refresh token came back, so the whole grant is
		// revoked, the access token introspection had just cached included
		this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "refresh_token", "refresh_token",
				firstRefresh);

		introspect(app, current).isEqualTo("{\"active\":false}");
		introspect(app, (String) second.get("refresh_token")).isEqualTo("{\"active\":false}");
	}

	@Test
	void publicClientMayNotIntrospect() {
		RegisteredApp app = publicApp("contacts.read");

		assertThat(this.flows.post("/oauth2/introspect", app.app().clientId(), null, "token", "mga_x"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	private AbstractJsonContentAssert<?> introspect(RegisteredApp app, String token) {
		return assertThat(
				this.flows.post("/oauth2/introspect", app.app().clientId(), app.clientSecret(), "token", token))
			.hasStatusOk()
			.bodyJson();
	}

	private String accessToken(RegisteredApp app) {
		return (String) this.flows.clientCredentials(app.app().clientId(), app.clientSecret(), "contacts.read")
			.get("access_token");
	}

	private org.springframework.test.web.servlet.assertj.MvcTestResult me(String token) {
		return this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + token).exchange();
	}

}
