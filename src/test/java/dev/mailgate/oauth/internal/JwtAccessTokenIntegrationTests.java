package dev.mailgate.oauth.internal;

import java.util.Base64;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.apps.TokenFormat;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * Apps that chose JWT access tokens (RFC 9068), and the signing keys behind them.
 */
class JwtAccessTokenIntegrationTests extends OAuthTestSupport {

	@Autowired
	SigningKeys keys;

	@Test
	void jwtAccessTokenFollowsRfc9068AndVerifiesWithThePublishedKey() throws Exception {
		RegisteredApp app = jwtApp();
		String token = accessToken(app);

		SignedJWT jwt = SignedJWT.parse(token);
		// RFC 9068 §2.1: typ at+jwt; DESIGN.md: ES256
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		// RFC 9068 §2.2: iss, exp, aud, sub, client_id, iat, jti; §2.2.3: scope as a
		// string
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(ISSUER);
		assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(app.app().clientId());
		assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("contacts.read");
		assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
		assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isNotNull();
		ECKey key = (ECKey) publishedKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + token)).hasStatusOk();
	}

	@Test
	void revokedJwtIsRefusedOnTheNextRequest() {
		RegisteredApp app = jwtApp();
		String token = accessToken(app);

		this.flows.post("/oauth2/revoke", app.app().clientId(), app.clientSecret(), "token", token);

		// RFC 6750 §3.1: a revoked token is invalid_token
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + token))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.headers()
			.satisfies(OAuthTestSupport::invalidToken);
	}

	@Test
	void jwtWithAlteredClaimsIsRefused() {
		RegisteredApp app = jwtApp();
		String[] parts = accessToken(app).split("\\.");
		String claims = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"contacts.read\"",
				"\"contacts.write\"");
		String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes()) + "."
				+ parts[2];

		// RFC 6750 §3.1: a token whose signature does not verify is invalid_token
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + forged))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.headers()
			.satisfies(OAuthTestSupport::invalidToken);
	}

	@Test
	void afterKeyRotationOldTokensStillVerifyAndTheOldKeyStaysPublished() throws Exception {
		RegisteredApp app = jwtApp();
		String before = accessToken(app);
		String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

		String newKid = this.keys.rotate();
		String after = accessToken(app);

		assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid).isNotEqualTo(oldKid);
		assertThat(publishedKeys().getKeys()).extracting((key) -> key.getKeyID()).contains(oldKid, newKid);
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + before)).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + after)).hasStatusOk();
	}

	@Test
	void platformAdministratorRotatesTheSigningKeyThroughTheActuator() throws Exception {
		Map<String, Object> keys = OAuthFlows
			.json(this.mvc.get().uri("/actuator/signingkeys").with(httpBasic(ADMIN_EMAIL, ADMIN_PASSWORD)).exchange());
		String before = (String) keys.get("signing");

		MvcTestResult rotated = this.mvc.post()
			.uri("/actuator/signingkeys")
			.with(httpBasic(ADMIN_EMAIL, ADMIN_PASSWORD))
			.exchange();

		assertThat(rotated).hasStatusOk();
		assertThat(OAuthFlows.json(rotated).get("signing")).isNotEqualTo(before);
		// and the HMAC key of the client_credentials grant's signed tokens
		assertThat(((Number) OAuthFlows.json(rotated).get("token_key")).intValue())
			.isGreaterThan(((Number) keys.get("token_key")).intValue());
		assertThat(publishedKeys().getKeyByKeyId(before)).isNotNull();
		assertThat(this.mvc.post().uri("/actuator/signingkeys")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	private RegisteredApp jwtApp() {
		return register(true, Set.of("client_credentials"), "contacts.read", TokenFormat.JWT);
	}

	private String accessToken(RegisteredApp app) {
		return (String) this.flows.clientCredentials(app.app().clientId(), app.clientSecret(), "contacts.read")
			.get("access_token");
	}

	private JWKSet publishedKeys() throws Exception {
		return JWKSet.parse(this.mvc.get().uri("/oauth2/jwks").exchange().getResponse().getContentAsString());
	}

}
