package dev.mailgate.oauth.internal;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client authentication with {@code private_key_jwt} (RFC 7523 §2.2 and §3; OpenID
 * Connect Core §9): the app proves itself with a JWT signed by its own key, and keeps no
 * secret.
 */
class PrivateKeyJwtIntegrationTests extends OAuthTestSupport {

	static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	RSAKey key;

	String clientId;

	@BeforeEach
	void registerWithPublicKey() throws JOSEException {
		this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		Map<String, Object> registered = register("{\"client_name\": \"Signed Sync\", \"grant_types\": "
				+ "[\"client_credentials\"], \"scope\": \"contacts.read\", \"token_endpoint_auth_method\": "
				+ "\"private_key_jwt\", \"jwks\": {\"keys\": [" + this.key.toPublicJWK().toJSONString() + "]}}");
		this.clientId = (String) registered.get("client_id");
		assertThat(registered).doesNotContainKey("client_secret")
			.containsEntry("token_endpoint_auth_method", "private_key_jwt");
	}

	@Test
	void signedAssertionAuthenticatesTheClient() throws Exception {
		assertThat(token(assertion(this.key, ISSUER + "/oauth2/token"))).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.access_token", (token) -> assertThat(token).asString().startsWith("mga_"));
	}

	@Test
	void replayedAssertionIsRefused() throws Exception {
		String assertion = assertion(this.key, ISSUER + "/oauth2/token");
		assertThat(token(assertion)).hasStatusOk();

		// RFC 7523 §3 (7.): the server may refuse a JWT whose jti it has seen before
		assertThat(token(assertion)).hasStatus(HttpStatus.UNAUTHORIZED)
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_client"));
	}

	@Test
	void assertionSignedWithAnotherKeyIsRefused() throws Exception {
		RSAKey stranger = new RSAKeyGenerator(2048).keyID(this.key.getKeyID()).generate();

		assertThat(token(assertion(stranger, ISSUER + "/oauth2/token"))).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void assertionForAnotherAudienceIsRefused() throws Exception {
		// RFC 7523 §3 (3.): the aud must identify this authorization server
		assertThat(token(assertion(this.key, "https://other.example.com/token"))).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void registrationNeedsExactlyOneOfJwksAndJwksUriWithPublicKeysOnly() throws Exception {
		assertThat(registerRaw("{\"client_name\": \"X\", \"grant_types\": [\"client_credentials\"], "
				+ "\"token_endpoint_auth_method\": \"private_key_jwt\"}"))
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_client_metadata"));
		assertThat(registerRaw("{\"client_name\": \"X\", \"grant_types\": [\"client_credentials\"], "
				+ "\"token_endpoint_auth_method\": \"private_key_jwt\", \"jwks\": {\"keys\": ["
				+ this.key.toJSONString() + "]}}"))
			.bodyJson()
			.hasPathSatisfying("$.error_description",
					(text) -> assertThat(text).asString().contains("public keys only"));
	}

	private String assertion(RSAKey signer, String audience) throws JOSEException {
		Instant now = Instant.now();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
				new JWTClaimsSet.Builder().issuer(this.clientId)
					.subject(this.clientId)
					.audience(audience)
					.jwtID(UUID.randomUUID().toString())
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plusSeconds(60)))
					.build());
		jwt.sign(new RSASSASigner(signer));
		return jwt.serialize();
	}

	private MvcTestResult token(String assertion) {
		return this.mvc.post()
			.uri("/oauth2/token")
			.param("grant_type", "client_credentials")
			.param("client_id", this.clientId)
			.param("client_assertion_type", ASSERTION_TYPE)
			.param("client_assertion", assertion)
			.exchange();
	}

	private Map<String, Object> register(String json) {
		MvcTestResult result = registerRaw(json);
		assertThat(result).hasStatus(HttpStatus.CREATED);
		return OAuthFlows.json(result);
	}

	private MvcTestResult registerRaw(String json) {
		String creator = (String) this.flows
			.clientCredentials(BOOTSTRAP_CLIENT_ID, BOOTSTRAP_CLIENT_SECRET, "client.create")
			.get("access_token");
		return this.mvc.post()
			.uri("/oauth2/register")
			.header("Authorization", "Bearer " + creator)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

}
