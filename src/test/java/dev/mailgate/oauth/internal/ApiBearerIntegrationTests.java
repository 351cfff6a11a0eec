package dev.mailgate.oauth.internal;

import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's side of OAuth: bearer tokens (RFC 6750) and protected resource metadata (RFC
 * 9728).
 */
class ApiBearerIntegrationTests extends OAuthTestSupport {

	@Test
	void requestWithoutTokenIs401PointingToTheResourceMetadata() {
		// RFC 6750 §3 and §3.1 (no error code when no token was sent); RFC 9728 §5.1
		assertThat(this.mvc.get().uri("/api/v1/me")).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType("application/problem+json")
			.headers()
			.hasValue("WWW-Authenticate",
					"Bearer resource_metadata=\"http://localhost/.well-known/oauth-protected-resource\"");
	}

	@Test
	void requestWithUnknownTokenIs401InvalidToken() {
		// RFC 6750 §3.1: invalid_token
		assertThat(this.mvc.get()
			.uri("/api/v1/me")
			.header("Authorization", "Bearer mga_00000000000000000000000000000000000000000000000000"))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.headers()
			.satisfies(OAuthTestSupport::invalidToken);
	}

	@Test
	void malformedBearerHeaderIs401InvalidTokenWithAProblem() {
		// RFC 6750 §2.1 (b64token) and §3.1: invalid_token; RFC 9457 body
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer mga_abc def"))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType("application/problem+json")
			.headers()
			.satisfies(OAuthTestSupport::invalidToken);
	}

	@Test
	void requestWithTokenLackingTheScopeIs403InsufficientScope() {
		RegisteredApp app = confidentialApp("campaigns.read");
		String token = accessToken(app, "campaigns.read");

		// RFC 6750 §3.1: insufficient_scope with 403
		assertThat(this.mvc.get().uri("/api/v1/contacts").header("Authorization", "Bearer " + token))
			.hasStatus(HttpStatus.FORBIDDEN)
			.hasContentType("application/problem+json")
			.headers()
			.satisfies((headers) -> assertThat(headers.getFirst("WWW-Authenticate"))
				.contains("error=\"insufficient_scope\""));
	}

	@Test
	void theApiAnswersJsonAndRefusesXmlOrYamlWith406() {
		RegisteredApp app = confidentialApp("contacts.read");
		String token = accessToken(app, "contacts.read");

		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + token)).hasStatusOk()
			.hasContentType("application/json")
			.bodyJson()
			.hasPath("$.client_id");
		// RFC 9110 §15.5.7: nothing Mailgate can answer matches Accept
		for (String type : new String[] { "application/yaml", "application/xml", "text/xml" }) {
			assertThat(
					this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + token).header("Accept", type))
				.hasStatus(HttpStatus.NOT_ACCEPTABLE)
				.bodyText()
				.doesNotContain("client_id", "clientId", app.app().clientId());
		}
		// RFC 9110 §12.5.1: a less preferred type the client also accepts is answered
		assertThat(this.mvc.get()
			.uri("/api/v1/me")
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/yaml, application/json;q=0.5")).hasStatusOk()
			.hasContentType("application/json")
			.bodyJson()
			.hasPath("$.client_id");
	}

	@Test
	void apiCallCarryingABrowsersSessionCookieLeavesTheSessionAsItWas() {
		// a browser on its way to sign in (the authorization request it was sent with is
		// kept in its session) calls the API from a page of the same origin, so the
		// session's cookie goes along with the bearer token
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession browser = (MockHttpSession) this.flows
			.authorize(new MockHttpSession(), app.app().clientId(), REDIRECT_URI, "contacts.read", "xyz",
					OAuthFlows.pkce())
			.getRequest()
			.getSession();
		String token = accessToken(app, "contacts.read");

		MvcTestResult call = this.mvc.get()
			.uri("/api/v1/me")
			.session(browser)
			.header("Authorization", "Bearer " + token)
			.exchange();

		// the token alone decides who calls (RFC 6750 §2.1), and the API keeps no state:
		// it does not rotate the browser's session id as a sign-in would
		assertThat(call).hasStatusOk().bodyJson().extractingPath("$.client_id").isEqualTo(app.app().clientId());
		assertThat(call.getResponse().getHeaders("Set-Cookie")).isEmpty();
	}

	@Test
	void tokenInTheQueryStringIsNotAccepted() {
		RegisteredApp app = confidentialApp("contacts.read");
		String token = accessToken(app, "contacts.read");

		// RFC 9700 §4.3.2 (and RFC 6750 §2.3): no access tokens in URIs
		assertThat(this.mvc.get().uri("/api/v1/me?access_token=" + token)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void protectedResourceMetadataNamesTheAuthorizationServer() {
		// RFC 9728 §2 and §3
		assertThat(this.mvc.get().uri("/.well-known/oauth-protected-resource")).hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.authorization_servers").asArray().containsExactly(ISSUER);
				assertThat(json).extractingPath("$.scopes_supported")
					.asArray()
					.contains("contacts.read", "reports.read");
				assertThat(json).extractingPath("$.bearer_methods_supported").asArray().containsExactly("header");
			});
	}

}
