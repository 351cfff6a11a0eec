package dev.mailgate.oauth.internal;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import dev.mailgate.apps.TokenFormat;

import dev.mailgate.apps.RegisteredApp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secret scanner reports Mailgate credentials found in public: live ones are revoked at
 * once.
 */
class LeakedCredentialsIntegrationTests extends OAuthTestSupport {

	/**
	 * The test scanner's private key; its public key is configured in
	 * IntegrationTestSupport.
	 */
	static final String SCANNER_PRIVATE_KEY = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg9tSs2xTkC3JRu7MVx+5sBJBGIYMYT0WrZW0R1VyhR0ehRANCAATRU/n0nMrdUa4tR0M2wqTyXaEU7MpIhv2cKAGtHy7r80Qqw9DdXAs6Dg+zpqVXdEjdfj4IafqxjF5o6gNFu1Lw";

	@Autowired
	JdbcClient jdbc;

	@Test
	void reportedLiveSecretIsRevokedAndItsOwnersSeeTheReport() throws Exception {
		RegisteredApp app = confidentialApp("contacts.read");
		String secret = app.clientSecret();

		MvcTestResult result = report("[{\"token\": \"" + secret + "\", \"url\": \"https://gist.example.com/x\"}]",
				true);

		assertThat(result).hasStatusOk().bodyText().doesNotContain(secret).contains("\"status\":\"processed\"");
		assertThat(this.flows.token(app.app().clientId(), secret, "grant_type", "client_credentials"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		// the owners' email goes out after the revocation commits: wait for it with a
		// deadline
		assertThat(awaitMail("A credential of Acme CRM was found in public"))
			.contains(secret.substring(0, 8) + "…", "revoked it at once", "https://gist.example.com/x",
					"neither do the client_credentials tokens")
			.doesNotContain(secret);
		assertThat(this.jdbc.sql("select outcome || ' ' || source_url from apps_leak_reports where app_id = ?")
			.param(app.app().id().value())
			.query(String.class)
			.single()).isEqualTo("revoked https://gist.example.com/x");
	}

	@Test
	void aLeakedSecretTakesTheClientCredentialsTokensIssuedUntilThenButNotPeoplesGrants() throws Exception {
		RegisteredApp app = confidentialApp("contacts.read");
		String minted = accessToken(app, "contacts.read");
		Map<String, Object> persons = grant(app, "contacts.read");
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + minted)).hasStatusOk();

		assertThat(report("[{\"token\": \"" + app.clientSecret() + "\"}]", true)).hasStatusOk();

		// whoever found the secret may hold this token: it is revoked with the secret
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + minted))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		// a person's grant needed their consent, not only the secret
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + persons.get("access_token")))
			.hasStatusOk();
	}

	@Test
	void aLeakedSecretTakesTheStoredClientCredentialsTokensOfAJwtApp() throws Exception {
		RegisteredApp app = register(true, Set.of("client_credentials"), "contacts.read", TokenFormat.JWT);
		String minted = accessToken(app, "contacts.read");
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + minted)).hasStatusOk();

		assertThat(report("[{\"token\": \"" + app.clientSecret() + "\"}]", true)).hasStatusOk();

		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + minted))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void reportedAccessTokenIsRevoked() throws Exception {
		RegisteredApp app = confidentialApp("contacts.read");
		String token = (String) this.flows.clientCredentials(app.app().clientId(), app.clientSecret(), "contacts.read")
			.get("access_token");

		assertThat(report("[{\"token\": \"" + token + "\"}]", true)).hasStatusOk();

		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + token))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void reportedRefreshTokenRevokesItsGrant() throws Exception {
		RegisteredApp app = confidentialApp("contacts.read");
		Map<String, Object> tokens = grant(app, "contacts.read");
		String refreshToken = (String) tokens.get("refresh_token");
		assertThat(RefreshTokenFamily.isWellFormed(refreshToken)).isTrue();

		// refresh tokens name their grant (RefreshTokenFamily): a scanner's report of one
		// is recognised by its checksum and takes the grant with it
		assertThat(report("[{\"token\": \"" + refreshToken + "\"}]", true)).hasStatusOk()
			.bodyText()
			.contains("\"status\":\"processed\"");

		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + tokens.get("access_token")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		// RFC 6749 §5.2: the revoked grant's refresh token is an invalid_grant
		assertThat(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "refresh_token",
				"refresh_token", refreshToken))
			.hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void malformedAndUnknownCredentialsAreSaidSo() throws Exception {
		String secret = confidentialApp("contacts.read").clientSecret();
		String mistyped = "mgs_" + ((secret.charAt(4) == 'Z') ? 'Y' : 'Z') + secret.substring(5);

		assertThat(report("[{\"token\": \"" + mistyped + "\"}, {\"token\": \"hello\"}]", true)).hasStatusOk()
			.bodyText()
			.contains("\"status\":\"malformed\"")
			.doesNotContain("processed");
	}

	@Test
	void unsignedOrWronglySignedReportsAreRefused() throws Exception {
		assertThat(report("[]", false)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.post()
			.uri("/api/v1/leaked-credentials")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Mailgate-Reporter-Key-Id", "test-scanner")
			.header("Mailgate-Reporter-Signature", sign("[{\"token\": \"x\"}]"))
			.content("[{\"token\": \"y\"}]")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	private static String awaitMail(String subject) throws Exception {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (System.nanoTime() < deadline) {
			for (var message : SMTP.getReceivedMessages()) {
				if (message.getSubject().equals(subject)) {
					return message.getSubject() + "\n" + message.getContent();
				}
			}
			SMTP.waitForIncomingEmail(200, SMTP.getReceivedMessages().length + 1);
		}
		throw new AssertionError("No email \"" + subject + "\" within 10 seconds");
	}

	private MvcTestResult report(String json, boolean signed) throws Exception {
		var request = this.mvc.post()
			.uri("/api/v1/leaked-credentials")
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.header("Mailgate-Reporter-Key-Id", "test-scanner");
		if (signed) {
			request.header("Mailgate-Reporter-Signature", sign(json));
		}
		return request.exchange();
	}

	private static String sign(String body) throws Exception {
		Signature signature = Signature.getInstance("SHA256withECDSA");
		signature.initSign(KeyFactory.getInstance("EC")
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(SCANNER_PRIVATE_KEY))));
		signature.update(body.getBytes(StandardCharsets.UTF_8));
		return Base64.getEncoder().encodeToString(signature.sign());
	}

}
