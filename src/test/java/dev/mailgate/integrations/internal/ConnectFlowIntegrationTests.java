package dev.mailgate.integrations.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mailgate.integrations.IntegrationEvents;
import dev.mailgate.support.OAuthFlows;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.util.MultiValueMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Connecting an account against a WireMock provider, through the real filter chain: the
 * authorization request Mailgate sends, and each check on the way back.
 */
@RecordApplicationEvents
class ConnectFlowIntegrationTests extends ConnectTestSupport {

	@Autowired
	ApplicationEvents events;

	@Autowired
	OAuth2AuthorizedClientManager authorizedClients;

	@BeforeEach
	void provider() {
		newProviderAndPerson(true, true);
	}

	@Test
	@DisplayName("The authorization request carries state, an S256 code challenge and a nonce (RFC 6749 §10.12, RFC 9700 §2.1.1, OpenID Core §3.1.2.1)")
	void authorizationRequestCarriesStatePkceS256AndNonce() {
		MultiValueMap<String, String> request = startConnect(this.session, this.fake);

		assertThat(request.getFirst("response_type")).isEqualTo("code");
		assertThat(request.getFirst("client_id")).isEqualTo(this.fake.clientId);
		assertThat(request.getFirst("redirect_uri"))
			.isEqualTo("http://localhost/integrations/callback/" + this.fake.registrationId);
		assertThat(request.getFirst("state")).hasSizeGreaterThanOrEqualTo(32);
		assertThat(request.getFirst("code_challenge")).matches("[A-Za-z0-9_-]{43}");
		assertThat(request.getFirst("code_challenge_method")).isEqualTo("S256");
		assertThat(request.getFirst("nonce")).hasSizeGreaterThanOrEqualTo(32);
		assertThat(request.getFirst("scope")).contains("openid");
	}

	@Test
	void connectWhenGetInsteadOfThePagesPostThenNoAuthorizationRequest() {
		MvcTestResult result = this.mvc.get()
			.uri("/integrations/connect/" + this.fake.registrationId)
			.session(this.session)
			.exchange();

		assertThat(result.getResponse().getRedirectedUrl()).isNull();
		assertThat(result.getResponse().getStatus()).isEqualTo(405);
	}

	@Test
	void connectWhenNotSignedInThenSignInFirst() {
		MvcTestResult result = this.mvc.get().uri("/integrations").exchange();

		assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login");
	}

	@Test
	@DisplayName("A callback whose state no connect request of this browser carries is refused (RFC 6749 §10.12)")
	void callbackWhenStateDiffersThenRefused() {
		MultiValueMap<String, String> request = startConnect(this.session, this.fake);
		this.fake.tokens("access-" + UUID.randomUUID(), "refresh-1", 3600,
				this.fake.idToken(this.fake.issuer(), this.fake.clientId, request.getFirst("nonce"), this.email));

		MvcTestResult result = callback(this.session, this.fake, "code", "c1", "state", "forged-" + UUID.randomUUID(),
				"iss", this.fake.issuer());

		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/integrations");
		assertThat((String) result.getMvcResult().getFlashMap().get("problem"))
			.contains("expired or was not started in this browser");
		assertNothingConnected();
	}

	@Test
	@DisplayName("An ID token with another nonce is refused and nothing is stored (OpenID Core §3.1.3.7 step 11)")
	void callbackWhenIdTokenNonceDiffersThenRefusedAndNothingStored() {
		assertIdTokenRefused(this.fake.issuer(), this.fake.clientId, "another-nonce");
		assertThat(this.fake.tokenRequests()).hasSize(1);
	}

	@Test
	@DisplayName("An ID token from another issuer is refused and nothing is stored (OpenID Core §3.1.3.7 step 2)")
	void callbackWhenIdTokenIssuerDiffersThenRefusedAndNothingStored() {
		assertIdTokenRefused("https://evil.example.com", this.fake.clientId, null);
	}

	@Test
	@DisplayName("An ID token not signed with a key of the provider's JWKS is refused (OpenID Core §3.1.3.7 step 6)")
	void callbackWhenIdTokenSignatureIsForgedThenRefused() {
		MultiValueMap<String, String> request = startConnect(this.session, this.fake);
		this.fake.tokens("access-" + UUID.randomUUID(), "refresh-1", 3600,
				this.fake.forgedIdToken(request.getFirst("nonce"), this.email));

		assertRefused(callback(this.session, this.fake, "code", "c1", "state", request.getFirst("state"), "iss",
				this.fake.issuer()), "could not be verified");
	}

	@Test
	@DisplayName("An ID token for another client is refused (OpenID Core §3.1.3.7 step 3)")
	void callbackWhenIdTokenAudienceDiffersThenRefused() {
		assertIdTokenRefused(this.fake.issuer(), "another-client", null);
	}

	@Test
	@DisplayName("An iss parameter that is not the provider's issuer is refused before the code is exchanged (RFC 9207 §2.4)")
	void callbackWhenIssParameterDiffersThenRefused() {
		MultiValueMap<String, String> request = startConnect(this.session, this.fake);

		assertRefused(callback(this.session, this.fake, "code", "c1", "state", request.getFirst("state"), "iss",
				"https://evil.example.com"), "its issuer did not match");
		assertThat(this.fake.tokenRequests()).isEmpty();

		// the request is spent: the same state cannot be tried again with the right iss
		MvcTestResult again = callback(this.session, this.fake, "code", "c1", "state", request.getFirst("state"), "iss",
				this.fake.issuer());
		assertThat((String) again.getMvcResult().getFlashMap().get("problem")).contains("expired");
		assertThat(this.fake.tokenRequests()).isEmpty();
	}

	@Test
	@DisplayName("Without an iss parameter from a provider that advertises it, the response is refused (RFC 9207 §2.4)")
	void callbackWithoutIssWhenProviderAdvertisesItThenRefused() {
		MultiValueMap<String, String> request = startConnect(this.session, this.fake);

		assertRefused(callback(this.session, this.fake, "code", "c1", "state", request.getFirst("state")),
				"its issuer did not match");
		assertThat(this.fake.tokenRequests()).isEmpty();
	}

	@Test
	@DisplayName("The provider's access_denied comes back as a sentence, nothing stored (RFC 6749 §4.1.2.1)")
	void callbackWhenPersonDeclinesAtProviderThenFriendlyMessage() {
		MultiValueMap<String, String> request = startConnect(this.session, this.fake);

		assertRefused(callback(this.session, this.fake, "error", "access_denied", "state", request.getFirst("state"),
				"iss", this.fake.issuer()), "You did not allow Mailgate");
	}

	@Test
	void callbackWhenTokenEndpointDownThenFriendlyMessageAndNothingStored() {
		MultiValueMap<String, String> request = startConnect(this.session, this.fake);
		this.fake.tokenResponse(aResponse().withStatus(503));

		assertRefused(callback(this.session, this.fake, "code", "c1", "state", request.getFirst("state"), "iss",
				this.fake.issuer()), "Please try again in a few minutes");
	}

	@Test
	@DisplayName("A successful callback exchanges the code with the PKCE verifier (RFC 7636 §4.5) and stores the tokens encrypted")
	void successfulCallbackStoresTokensEncryptedAndPublishesAccountConnected() throws Exception {
		MultiValueMap<String, String> request = startConnect(this.session, this.fake);
		String accessToken = "access-" + UUID.randomUUID();
		String refreshToken = "refresh-" + UUID.randomUUID();
		this.fake.tokens(accessToken, refreshToken, 3600, this.fake.idToken(this.fake.issuer(), this.fake.clientId,
				request.getFirst("nonce"), "crm-ada@example.com"));

		MvcTestResult result = callback(this.session, this.fake, "code", "the-code", "state", request.getFirst("state"),
				"iss", this.fake.issuer());
		MvcTestResult landed = this.mvc.get()
			.uri(result.getResponse().getRedirectedUrl())
			.session(this.session)
			.exchange();

		assertThat((String) landed.getMvcResult().getFlashMap().get("notice"))
			.isEqualTo("Connected to Fake CRM %s as crm-ada@example.com.".formatted(this.fake.registrationId));
		LoggedRequest exchange = this.fake.tokenRequests().get(0);
		MultiValueMap<String, String> form = OAuthFlows.query("http://x/?" + exchange.getBodyAsString());
		assertThat(form.getFirst("grant_type")).isEqualTo("authorization_code");
		assertThat(form.getFirst("code")).isEqualTo("the-code");
		assertThat(s256(form.getFirst("code_verifier"))).isEqualTo(request.getFirst("code_challenge"));
		assertThat(exchange.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
			.encodeToString((this.fake.clientId + ":" + this.fake.clientSecret).getBytes(StandardCharsets.UTF_8)));

		Connection connection = this.connections
			.find(member(this.email).workspace(),
					this.providers.findByRegistrationId(this.fake.registrationId).orElseThrow().id())
			.orElseThrow();
		assertThat(connection.accountLabel()).isEqualTo("crm-ada@example.com");
		assertThat(connection.accountSubject()).isEqualTo("person-42");
		assertThat(connection.connectedBy()).isEqualTo(member(this.email).person().id());
		TokenSet tokens = this.connections.tokens(connection.id()).orElseThrow();
		assertThat(tokens.accessToken()).isEqualTo(accessToken);
		assertThat(tokens.refreshToken()).isEqualTo(refreshToken);
		String stored = this.jdbc.sql("select access_token || refresh_token from integrations_connections where id = ?")
			.param(connection.id().value())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain(accessToken).doesNotContain(refreshToken);
		assertThat(this.events.stream(IntegrationEvents.AccountConnected.class)).anySatisfy((connected) -> {
			assertThat(connected.connection()).isEqualTo(connection.id());
			assertThat(connected.accountLabel()).isEqualTo("crm-ada@example.com");
		});

		String page = integrationsPage();
		assertThat(page).contains("Connected as <strong>crm-ada@example.com</strong>");
	}

	@Test
	void springsAuthorizedClientManagerFindsTheConnectedAccountWithoutAskingTheProviderAgain() {
		MultiValueMap<String, String> request = startConnect(this.session, this.fake);
		String accessToken = "access-" + UUID.randomUUID();
		this.fake.tokens(accessToken, "refresh-" + UUID.randomUUID(), 3600, this.fake.idToken(this.fake.issuer(),
				this.fake.clientId, request.getFirst("nonce"), "crm-ada@example.com"));
		callback(this.session, this.fake, "code", "the-code", "state", request.getFirst("state"), "iss",
				this.fake.issuer());

		// ConnectSecurity's manager, made on first use rather than during the start
		OAuth2AuthorizedClient client = this.authorizedClients
			.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(this.fake.registrationId)
				.principal(UsernamePasswordAuthenticationToken.authenticated(this.email, null, List.of()))
				.attribute(HttpServletRequest.class.getName(), new MockHttpServletRequest())
				.attribute(HttpServletResponse.class.getName(), new MockHttpServletResponse())
				.build());

		assertThat(client).isNotNull();
		assertThat(client.getAccessToken().getTokenValue()).isEqualTo(accessToken);
		// the stored token is still valid: only the code exchange reached the provider
		assertThat(this.fake.tokenRequests()).hasSize(1);
	}

	@Test
	void pageListsProvidersWithConnectForTheWorkspace() throws Exception {
		String page = integrationsPage();

		assertThat(page).contains("Fake CRM " + this.fake.registrationId)
			.contains("action=\"/integrations/connect/" + this.fake.registrationId + "\"")
			.contains("Not connected");
	}

	@Test
	void connectToARemovedProviderThenFriendlyMessage() {
		MvcTestResult result = this.mvc.post()
			.uri("/integrations/connect/no-such-provider")
			.session(this.session)
			.with(csrf())
			.exchange();

		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/integrations");
		assertThat((String) result.getMvcResult().getFlashMap().get("problem")).contains("no longer set up");
	}

	/**
	 * A callback whose ID token names this issuer, audience and nonce (the one sent, when
	 * {@code null}) is refused.
	 */
	private void assertIdTokenRefused(String issuer, String audience, @Nullable String nonce) {
		MultiValueMap<String, String> request = startConnect(this.session, this.fake);
		String sent = (nonce != null) ? nonce : request.getFirst("nonce");
		this.fake.tokens("access-" + UUID.randomUUID(), "refresh-1", 3600,
				this.fake.idToken(issuer, audience, sent, this.email));

		assertRefused(callback(this.session, this.fake, "code", "c1", "state", request.getFirst("state"), "iss",
				this.fake.issuer()), "could not be verified");
	}

	private void assertRefused(MvcTestResult result, String message) {
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).contains("/integrations/callback/" + this.fake.registrationId + "?error=");
		MvcTestResult landed = this.mvc.get().uri(location).session(this.session).exchange();
		assertThat(landed.getResponse().getRedirectedUrl()).isEqualTo("/integrations");
		assertThat((String) landed.getMvcResult().getFlashMap().get("problem")).contains(message);
		assertNothingConnected();
	}

	private void assertNothingConnected() {
		assertThat(this.connections.inWorkspace(member(this.email).workspace())).isEmpty();
		assertThat(this.events.stream(IntegrationEvents.AccountConnected.class)).isEmpty();
	}

	private static String s256(String verifier) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

}
