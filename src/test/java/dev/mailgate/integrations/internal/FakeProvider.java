package dev.mailgate.integrations.internal;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * An OAuth 2.0 / OpenID provider on WireMock, under a path of its own (so that the tests
 * of a class share one server): authorize, token, JWKS, userinfo and revocation
 * endpoints, and ID tokens signed with its RSA key.
 */
final class FakeProvider {

	private static final RSAKey KEY = generate();

	private final WireMockServer server;

	final String registrationId = "fake-" + UUID.randomUUID().toString().substring(0, 8);

	final String clientId = "mailgate-at-" + this.registrationId;

	final String clientSecret = "provider-issued-secret-" + UUID.randomUUID();

	FakeProvider(WireMockServer server) {
		this.server = server;
		server.stubFor(get(urlEqualTo(path("/jwks"))).willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
	}

	String issuer() {
		return this.server.baseUrl() + "/" + this.registrationId;
	}

	String path(String endpoint) {
		return "/" + this.registrationId + endpoint;
	}

	/**
	 * Adds it as an operator would, with {@code client_secret_basic}.
	 */
	Provider addTo(JdbcProviders providers, boolean openId, boolean issParameterSupported) {
		Set<String> scopes = openId ? Set.of("openid", "email", "contacts.read") : Set.of("contacts.read");
		return providers.add(new ProviderSettings(this.registrationId, "Fake CRM " + this.registrationId,
				ProviderType.CUSTOM, issuer(), issuer() + "/authorize", issuer() + "/token", issuer() + "/revoke",
				issuer() + "/userinfo", issuer() + "/jwks", issuer() + "/api", null, scopes, this.clientId,
				"client_secret_basic", issParameterSupported), this.clientSecret);
	}

	void tokens(String accessToken, String refreshToken, long expiresIn, String idToken) {
		String id = (idToken != null) ? ", \"id_token\": \"" + idToken + "\"" : "";
		tokenResponse(okJson("""
				{"access_token": "%s", "token_type": "Bearer", "expires_in": %d, "refresh_token": "%s",
				 "scope": "openid email contacts.read"%s}""".formatted(accessToken, expiresIn, refreshToken, id)));
	}

	void tokenResponse(ResponseDefinitionBuilder response) {
		this.server.stubFor(post(urlEqualTo(path("/token"))).willReturn(response));
	}

	/**
	 * The answer to refresh requests only, leaving the code exchange's as it was.
	 */
	void refreshResponse(ResponseDefinitionBuilder response) {
		MappingBuilder refresh = post(urlEqualTo(path("/token")))
			.withRequestBody(containing("grant_type=refresh_token"))
			.atPriority(1);
		this.server.stubFor(refresh.willReturn(response));
	}

	void tokenError(int status, String error) {
		tokenResponse(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": \"" + error + "\", \"error_description\": \"said the provider\"}"));
	}

	void userInfo(String subject, String email) {
		this.server.stubFor(get(urlPathEqualTo(path("/userinfo")))
			.willReturn(okJson("{\"sub\": \"%s\", \"email\": \"%s\"}".formatted(subject, email))));
	}

	void revocation(int status) {
		this.server.stubFor(post(urlEqualTo(path("/revoke"))).willReturn(aResponse().withStatus(status)));
	}

	List<LoggedRequest> tokenRequests() {
		return this.server.findAll(postRequestedFor(urlEqualTo(path("/token"))));
	}

	List<LoggedRequest> refreshRequests() {
		return this.server.findAll(
				postRequestedFor(urlEqualTo(path("/token"))).withRequestBody(containing("grant_type=refresh_token")));
	}

	List<LoggedRequest> revocationRequests() {
		return this.server.findAll(postRequestedFor(urlEqualTo(path("/revoke"))));
	}

	String idToken(String issuer, String audience, String nonce, String email) {
		return sign(new JWTClaimsSet.Builder().issuer(issuer)
			.subject("person-42")
			.audience(audience)
			.claim("nonce", nonce)
			.claim("email", email)
			.issueTime(Date.from(Instant.now()))
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.build());
	}

	/**
	 * An ID token that is right in every claim, signed with another key under the
	 * provider's key id.
	 */
	String forgedIdToken(String nonce, String email) {
		String genuine = idToken(issuer(), this.clientId, nonce, email);
		try {
			return sign(SignedJWT.parse(genuine).getJWTClaimsSet(), generate());
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sign(JWTClaimsSet claims) {
		return sign(claims, KEY);
	}

	private static String sign(JWTClaimsSet claims, RSAKey key) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyID("fake-provider-key").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
