package dev.mailgate.oauth.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.platform.CredentialFormat;
import dev.mailgate.platform.Timestamps;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.OAuthFlows.Pkce;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The authorization code grant with PKCE, consent and refresh, each rule with its
 * section.
 */
class AuthorizationCodeIntegrationTests extends OAuthTestSupport {

	@Autowired
	HashedAuthorizationService store;

	@Autowired
	JdbcClient jdbc;

	@Test
	void authorizationResponseCarriesCodeStateAndIssuer() {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		MvcTestResult authorization = this.flows.authorize(person, app.app().clientId(), REDIRECT_URI, "contacts.read",
				"xyz-state", OAuthFlows.pkce());

		MvcTestResult allowed = this.flows.consent(person, authorization, "contacts.read");

		String location = allowed.getResponse().getRedirectedUrl();
		assertThat(location).startsWith(REDIRECT_URI + "?");
		MultiValueMap<String, String> response = OAuthFlows.query(location);
		// RFC 6749 §4.1.2: code and the exact state; RFC 9207 §2: iss
		assertThat(response.getFirst("state")).isEqualTo("xyz-state");
		assertThat(response.getFirst("iss")).isEqualTo(ISSUER);
		assertThat(CredentialFormat.isWellFormed(response.getFirst("code"), CredentialFormat.AUTHORIZATION_CODE))
			.isTrue();
	}

	@Test
	void codeExchangeWhenVerifierMatchesThenAccessAndRefreshTokens() {
		RegisteredApp app = confidentialApp("contacts.read contacts.write");
		String email = uniqueEmail();
		MockHttpSession person = this.flows.newPerson(email);
		Pkce pkce = OAuthFlows.pkce();
		String code = this.flows.code(person, app.app().clientId(), REDIRECT_URI, "contacts.read contacts.write", pkce);

		Map<String, Object> tokens = this.flows.exchange(app.app().clientId(), app.clientSecret(), code, REDIRECT_URI,
				pkce);

		// RFC 6749 §4.1.4, §5.1; both tokens name the grant they belong to
		assertThat(RefreshTokenFamily.isWellFormed((String) tokens.get("refresh_token"))).isTrue();
		assertThat(GrantAccessTokens.grantOf((String) tokens.get("access_token")))
			.isEqualTo(RefreshTokenFamily.read((String) tokens.get("refresh_token")).grant());
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + tokens.get("access_token")))
			.hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.user_id",
					(user) -> assertThat(user)
						.isEqualTo(this.accounts.personByEmail(email).orElseThrow().id().toString()))
			.extractingPath("$.scopes")
			.asArray()
			.containsExactly("contacts.read", "contacts.write");
	}

	@Test
	void codeExchangeWhenVerifierWrongThenInvalidGrant() {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		Pkce pkce = OAuthFlows.pkce();
		String code = this.flows.code(person, app.app().clientId(), REDIRECT_URI, "contacts.read", pkce);

		// RFC 7636 §4.6: a verifier that does not match the challenge is invalid_grant
		assertThat(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "authorization_code",
				"code", code, "redirect_uri", REDIRECT_URI, "code_verifier", OAuthFlows.pkce().verifier()))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_grant"));
	}

	@Test
	void authorizationRequestWithoutCodeChallengeThenInvalidRequestToClient() {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());

		MvcTestResult result = this.flows.authorize(person, "response_type", "code", "client_id", app.app().clientId(),
				"redirect_uri", REDIRECT_URI, "scope", "contacts.read", "state", "s1");

		// RFC 9700 §2.1.1 and RFC 7636 §4.4.1: PKCE is required of every client
		MultiValueMap<String, String> error = OAuthFlows.query(result.getResponse().getRedirectedUrl());
		assertThat(error.getFirst("error")).isEqualTo("invalid_request");
		assertThat(error.getFirst("state")).isEqualTo("s1");
		assertThat(error.getFirst("iss")).isEqualTo(ISSUER);
	}

	@Test
	void authorizationRequestWithPlainCodeChallengeThenInvalidRequest() {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());

		MvcTestResult result = this.flows.authorize(person, "response_type", "code", "client_id", app.app().clientId(),
				"redirect_uri", REDIRECT_URI, "scope", "contacts.read", "code_challenge",
				"plain-challenge-plain-challenge-plain-challenge", "code_challenge_method", "plain");

		// RFC 9700 §2.1.1: S256 only; plain is refused
		assertThat(OAuthFlows.query(result.getResponse().getRedirectedUrl()).getFirst("error"))
			.isEqualTo("invalid_request");
	}

	@Test
	void authorizationRequestWhenRedirectUriUnregisteredThenErrorPageAndNoRedirect() {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());

		MvcTestResult result = this.flows.authorize(person, app.app().clientId(),
				"https://crm.example.com/oauth/callback/../evil", "contacts.read", "s", OAuthFlows.pkce());

		// RFC 6749 §4.1.2.1 and RFC 9700 §4.1.3: exact matching, never a redirect to an
		// unchecked URI
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(result.getResponse().getRedirectedUrl()).isNull();
	}

	@Test
	void authorizationRequestWhenLoopbackRedirectOnAnotherPortThenAccepted() {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());

		MvcTestResult result = this.flows.authorize(person, app.app().clientId(), "http://127.0.0.1:51234/callback",
				"contacts.read", "s", OAuthFlows.pkce());

		// RFC 8252 §7.3: a native app's loopback redirect may use any port
		assertThat(result.getResponse().getRedirectedUrl()).contains("/oauth2/consent");
	}

	@Test
	void codeWhenUsedTwiceThenInvalidGrantAndFirstTokensRevoked() {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		Pkce pkce = OAuthFlows.pkce();
		String code = this.flows.code(person, app.app().clientId(), REDIRECT_URI, "contacts.read", pkce);
		Map<String, Object> first = this.flows.exchange(app.app().clientId(), app.clientSecret(), code, REDIRECT_URI,
				pkce);

		MvcTestResult second = this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type",
				"authorization_code", "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier());

		// RFC 6749 §4.1.2: single use, and a second use revokes what the first issued
		assertThat(second).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_grant"));
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + first.get("access_token")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "refresh_token",
				"refresh_token", (String) first.get("refresh_token")))
			.hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void codeExchangeReadsTheCodeOnceThoughPkceAndTheGrantBothCheckIt() {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		Pkce pkce = OAuthFlows.pkce();
		String code = this.flows.code(person, app.app().clientId(), REDIRECT_URI, "contacts.read", pkce);
		this.jdbc.sql("set query_statistics_max_entries 10000").update();
		this.jdbc.sql("set query_statistics true").update();
		try {
			long before = codeReads();

			Map<String, Object> tokens = this.flows.exchange(app.app().clientId(), app.clientSecret(), code,
					REDIRECT_URI, pkce);

			assertThat(tokens).containsKeys("access_token", "refresh_token");
			assertThat(codeReads() - before).as("reads of the code's row in the exchange").isEqualTo(1);
			// a replay is another request: it reads the row again, and is refused
			// (RFC 6749 §4.1.2)
			assertThat(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "authorization_code",
					"code", code, "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()))
				.hasStatus(HttpStatus.BAD_REQUEST);
			assertThat(codeReads() - before).isEqualTo(2);
		}
		finally {
			this.jdbc.sql("set query_statistics false").update();
		}
	}

	/** How often H2 ran the look-up of an authorization by its code's hash. */
	private long codeReads() {
		return this.jdbc.sql("""
				select coalesce(sum(execution_count), 0) from information_schema.query_statistics
				where sql_statement like '%where code_hash = ?%'
				and sql_statement not like '%query_statistics%'""").query(Long.class).single();
	}

	@Test
	void codesLiveSixtySeconds() {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		this.flows.code(person, app.app().clientId(), REDIRECT_URI, "contacts.read", OAuthFlows.pkce());

		// RFC 9700 §2.1.1 asks for short-lived codes; DESIGN.md says 60 seconds
		Long seconds = this.jdbc.sql("""
				select max(datediff('SECOND', code_issued_at, code_expires_at)) from oauth_authorizations
				where registered_client_id = ?""").param(app.app().id().value()).query(Long.class).single();
		assertThat(seconds).isEqualTo(60);
	}

	@Test
	void refreshRotatesTheRefreshTokenOnEveryUse() {
		RegisteredApp app = confidentialApp("contacts.read");
		Map<String, Object> tokens = grant(app, "contacts.read");

		Map<String, Object> refreshed = OAuthFlows.json(this.flows.token(app.app().clientId(), app.clientSecret(),
				"grant_type", "refresh_token", "refresh_token", (String) tokens.get("refresh_token")));

		// RFC 6749 §6 and RFC 9700 §4.14.2: a new refresh token each time
		assertThat(refreshed.get("refresh_token")).isNotNull().isNotEqualTo(tokens.get("refresh_token"));
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + refreshed.get("access_token")))
			.hasStatusOk();
	}

	@Test
	void refreshWhenGrantOlderThanAYearThenInvalidGrantHoweverOftenRefreshed() {
		RegisteredApp app = confidentialApp("contacts.read");
		Map<String, Object> tokens = grant(app, "contacts.read");
		Map<String, Object> refreshed = OAuthFlows.json(this.flows.token(app.app().clientId(), app.clientSecret(),
				"grant_type", "refresh_token", "refresh_token", (String) tokens.get("refresh_token")));
		this.jdbc.sql("""
				update oauth_authorizations set created_at = dateadd('DAY', -366, created_at)
				where registered_client_id = ?
				""").param(app.app().id().value()).update();

		MvcTestResult expired = this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type",
				"refresh_token", "refresh_token", (String) refreshed.get("refresh_token"));

		// RFC 9700 §4.14.2 and DESIGN.md: refresh tokens rotate, the grant still ends a
		// year
		// after the person's authorization
		assertThat(expired).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_grant"));
	}

	@Test
	void storedGrantKeepsThePersonButNotTheirSessionDetails() {
		RegisteredApp app = confidentialApp("contacts.read");
		String email = uniqueEmail();
		this.flows.newPerson(email);
		MockHttpSession signedIn = (MockHttpSession) this.mvc.post()
			.uri("/login")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.param("email", email)
			.param("password", OAuthFlows.PASSWORD)
			.exchange()
			.getRequest()
			.getSession();
		Pkce pkce = OAuthFlows.pkce();
		String code = this.flows.code(signedIn, app.app().clientId(), REDIRECT_URI, "contacts.read", pkce);
		this.flows.exchange(app.app().clientId(), app.clientSecret(), code, REDIRECT_URI, pkce);

		byte[] stored = this.jdbc.sql("select attributes from oauth_authorizations where registered_client_id = ?")
			.param(app.app().id().value())
			.query(byte[].class)
			.single();

		// DESIGN.md "Credentials": no session id (a bearer credential of the browser) at
		// rest
		Object person = AttributeCodec.read(stored).get(java.security.Principal.class.getName());
		assertThat(person).isInstanceOfSatisfying(
				org.springframework.security.authentication.UsernamePasswordAuthenticationToken.class,
				(token) -> assertThat(token.getDetails()).isNull());
		// kept by sign-in name, which is all its readers ask for, in the compact form
		assertThat(((java.security.Principal) person).getName()).isEqualTo(email);
		assertThat(stored[0]).isEqualTo(AttributeCodec.COMPACT);
	}

	@Test
	void idTokenCarriesTheNonceOfTheAuthorizationRequest() throws Exception {
		RegisteredApp app = confidentialApp("contacts.read openid");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		Pkce pkce = OAuthFlows.pkce();
		String nonce = "n-" + UUID.randomUUID();
		String code = this.flows.code(person, app.app().clientId(), REDIRECT_URI, "contacts.read openid", pkce, "nonce",
				nonce);

		Map<String, Object> tokens = this.flows.exchange(app.app().clientId(), app.clientSecret(), code, REDIRECT_URI,
				pkce);

		// OpenID Connect Core 1.0 §3.1.3.6 and §2 (nonce): the value sent in the request,
		// which the grant keeps until the code is exchanged
		assertThat(SignedJWT.parse((String) tokens.get("id_token")).getJWTClaimsSet().getStringClaim("nonce"))
			.isEqualTo(nonce);
	}

	@Test
	void codeExchangeWithAnotherRedirectUriThenInvalidGrant() {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		Pkce pkce = OAuthFlows.pkce();
		String code = this.flows.code(person, app.app().clientId(), REDIRECT_URI, "contacts.read", pkce);

		// RFC 6749 §4.1.3: the redirect_uri of the exchange must be identical to the
		// authorization request's, which the grant keeps
		assertThat(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "authorization_code",
				"code", code, "redirect_uri", REDIRECT_URI + "/elsewhere", "code_verifier", pkce.verifier()))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_grant"));
	}

	@Test
	void refreshWhenSpentTokenReusedThenWholeFamilyRevoked() {
		RegisteredApp app = confidentialApp("contacts.read");
		Map<String, Object> tokens = grant(app, "contacts.read");
		Map<String, Object> refreshed = OAuthFlows.json(this.flows.token(app.app().clientId(), app.clientSecret(),
				"grant_type", "refresh_token", "refresh_token", (String) tokens.get("refresh_token")));

		MvcTestResult replay = this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "refresh_token",
				"refresh_token", (String) tokens.get("refresh_token"));

		// RFC 9700 §4.14.2: reuse of a rotated refresh token revokes the active one too
		assertThat(replay).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_grant"));
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + refreshed.get("access_token")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "refresh_token",
				"refresh_token", (String) refreshed.get("refresh_token")))
			.hasStatus(HttpStatus.BAD_REQUEST);
	}

	/**
	 * Two refreshes with the same token at once (the client and an attacker holding a
	 * copy): both read the grant before either writes, and only the first to write may
	 * rotate it: the row's rewrite finds another refresh token there.
	 */
	@Test
	void twoRefreshesWithTheSameTokenAtOnceRotateTheGrantOnlyOnce() {
		RegisteredApp app = confidentialApp("contacts.read");
		String refresh = (String) grant(app, "contacts.read").get("refresh_token");
		OAuth2Authorization first = this.store.findByToken(refresh, OAuth2TokenType.REFRESH_TOKEN);
		OAuth2Authorization second = this.store.findByToken(refresh, OAuth2TokenType.REFRESH_TOKEN);
		String firstNew = CredentialFormat.generate(CredentialFormat.REFRESH_TOKEN);
		String secondNew = CredentialFormat.generate(CredentialFormat.REFRESH_TOKEN);

		this.store.save(rotated(first, firstNew));

		// RFC 9700 §4.14.2: a refresh token that was replaced cannot be replaced again
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.store.save(rotated(second, secondNew)))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"));
		assertThat(this.store.findByToken(firstNew, OAuth2TokenType.REFRESH_TOKEN)).isNotNull();
		assertThat(this.store.findByToken(secondNew, OAuth2TokenType.REFRESH_TOKEN)).isNull();
	}

	@Test
	void aGrantRevokedWhileItIsRefreshedAnswersInvalidGrantInsteadOfTokensThatWereNeverStored() {
		RegisteredApp app = confidentialApp("contacts.read");
		String refresh = (String) grant(app, "contacts.read").get("refresh_token");
		OAuth2Authorization read = this.store.findByToken(refresh, OAuth2TokenType.REFRESH_TOKEN);
		this.store.remove(read);
		String rotatedTo = CredentialFormat.generate(CredentialFormat.REFRESH_TOKEN);

		// RFC 6749 §5.2: the grant was revoked, so the refresh is an invalid_grant
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.store.save(rotated(read, rotatedTo)))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"));
		assertThat(this.store.findByToken(rotatedTo, OAuth2TokenType.REFRESH_TOKEN)).isNull();
	}

	@Test
	void aGrantRevokedWhileItsCodeIsExchangedAnswersInvalidGrantInsteadOfTokensThatWereNeverStored() {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		String code = this.flows.code(person, app.app().clientId(), REDIRECT_URI, "contacts.read", OAuthFlows.pkce());
		OAuth2Authorization read = this.store.findByToken(code, new OAuth2TokenType(OAuth2ParameterNames.CODE));
		this.store.remove(read);
		Instant now = Instant.now();
		String access = CredentialFormat.generate(CredentialFormat.ACCESS_TOKEN);

		// RFC 6749 §5.2: the grant was revoked, so the exchange is an invalid_grant
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.store.save(OAuth2Authorization.from(read)
				.accessToken(
						new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access, now, now.plusSeconds(900)))
				.build()))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"));
		assertThat(this.store.findByToken(access, OAuth2TokenType.ACCESS_TOKEN)).isNull();
	}

	/**
	 * Refresh tokens spent before V24 are in the table it replaced, and still revoke
	 * their family when they come back.
	 */
	@Test
	void aRefreshTokenSpentBeforeTheSpentTokensMovedStillRevokesItsFamily() {
		RegisteredApp app = confidentialApp("contacts.read");
		Map<String, Object> tokens = grant(app, "contacts.read");
		String spentLongAgo = CredentialFormat.generate(CredentialFormat.REFRESH_TOKEN);
		OAuth2Authorization grant = this.store.findByToken((String) tokens.get("refresh_token"),
				OAuth2TokenType.REFRESH_TOKEN);
		this.jdbc
			.sql("insert into oauth_spent_refresh_tokens (token_hash, authorization_id, spent_at) values (?, ?, ?)")
			.params(CredentialFormat.sha256(spentLongAgo), grant.getId(), Timestamps.utc(Instant.now()))
			.update();

		assertThat(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "refresh_token",
				"refresh_token", spentLongAgo))
			.hasStatus(HttpStatus.BAD_REQUEST);

		// RFC 9700 §4.14.2: the family's current refresh token is revoked with it
		assertThat(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "refresh_token",
				"refresh_token", (String) tokens.get("refresh_token")))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + tokens.get("access_token")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void publicClientExchangesWithPkceAndRefreshesWithItsClientId() {
		RegisteredApp app = publicApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		Pkce pkce = OAuthFlows.pkce();
		String code = this.flows.code(person, app.app().clientId(), REDIRECT_URI, "contacts.read", pkce);

		Map<String, Object> tokens = OAuthFlows.json(this.flows.token(app.app().clientId(), null, "grant_type",
				"authorization_code", "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", pkce.verifier()));
		Map<String, Object> refreshed = OAuthFlows.json(this.flows.token(app.app().clientId(), null, "grant_type",
				"refresh_token", "refresh_token", (String) tokens.get("refresh_token")));

		// RFC 6749 §6: a public client refreshes with its client_id; the token rotates
		// (RFC 9700 §4.14.2)
		assertThat(refreshed.get("access_token")).isNotNull();
		assertThat(refreshed.get("refresh_token")).isNotEqualTo(tokens.get("refresh_token"));
	}

}
