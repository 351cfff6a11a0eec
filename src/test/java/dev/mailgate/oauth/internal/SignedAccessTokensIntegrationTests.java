package dev.mailgate.oauth.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.platform.CredentialFormat;
import dev.mailgate.platform.SecretBox;
import dev.mailgate.platform.Timestamps;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client_credentials grant's signed access tokens: nothing is written to issue one,
 * and yet each is checked, revoked and introspected as a stored token is.
 */
class SignedAccessTokensIntegrationTests extends OAuthTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SignedAccessTokens signed;

	@Autowired
	SignedGrants grants;

	@Autowired
	GrantRetention retention;

	@Autowired
	SecretBox box;

	@Autowired
	Clock clock;

	@Autowired
	OAuthProperties properties;

	@Autowired
	TokenMacKeys keys;

	@Test
	void clientCredentialsTokenIsSignedAndIssuingItWritesNoGrant() {
		RegisteredApp app = confidentialApp("contacts.read");

		String token = accessToken(app, "contacts.read");

		assertThat(token).startsWith("mga_").hasSize(SignedAccessTokens.LENGTH);
		assertThat(SignedAccessTokens.isWellFormedAccessToken(token)).isTrue();
		assertThat(this.jdbc.sql("select count(*) from oauth_authorizations where registered_client_id = ?")
			.param(app.app().id().value())
			.query(Long.class)
			.single()).isZero();
		assertThat(me(token)).hasStatusOk();
	}

	@Test
	void introspectionOfASignedTokenAnswersEveryClaimAStoredTokenHas() {
		RegisteredApp app = confidentialApp("contacts.read contacts.write");
		Instant before = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		String token = accessToken(app, "contacts.read contacts.write");

		// RFC 7662 §2.2
		Map<String, Object> claims = OAuthFlows
			.json(this.flows.post("/oauth2/introspect", app.app().clientId(), app.clientSecret(), "token", token));
		assertThat(claims).containsEntry("active", true)
			.containsEntry("client_id", app.app().clientId())
			.containsEntry("sub", app.app().clientId())
			.containsEntry("scope", "contacts.read contacts.write")
			.containsEntry("token_type", "Bearer")
			.containsEntry("iss", ISSUER)
			.containsEntry("workspace_id", app.app().workspace().toString())
			.containsKeys("jti", "nbf");
		assertThat(claims.get("aud")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly(app.app().clientId());
		long issuedAt = ((Number) claims.get("iat")).longValue();
		assertThat(issuedAt).isGreaterThanOrEqualTo(before.getEpochSecond());
		assertThat(((Number) claims.get("exp")).longValue() - issuedAt).isEqualTo(Duration.ofMinutes(15).toSeconds());
	}

	@Test
	void revokedSignedTokenIsRefusedOnTheNextRequestAndInactive() {
		RegisteredApp app = confidentialApp("contacts.read");
		String token = accessToken(app, "contacts.read");
		assertThat(me(token)).hasStatusOk();

		// RFC 7009 §2.1: the token is invalid from now on; §2.2: 200 whether or not it
		// was
		// live, so a second revocation is answered the same
		assertThat(revoke(app, token)).hasStatusOk();
		assertThat(revoke(app, token)).hasStatusOk();

		assertThat(me(token)).hasStatus(HttpStatus.UNAUTHORIZED).headers().satisfies(OAuthTestSupport::invalidToken);
		assertThat(introspect(app, token)).containsExactly(Map.entry("active", false));
		// only the hash is kept, and only until the token would have expired
		assertThat(this.jdbc.sql("select token_hash from oauth_revoked_tokens where registered_client_id = ?")
			.param(app.app().id().value())
			.query(String.class)
			.single()).isEqualTo(CredentialFormat.sha256(token));
	}

	@Test
	void revocationWithAWrongTokenTypeHintStillRevokesTheSignedToken() {
		RegisteredApp app = confidentialApp("contacts.read");
		String token = accessToken(app, "contacts.read");

		// RFC 7009 §2.1: a server that cannot find the token under the hint searches
		// every token type it supports
		assertThat(this.flows.post("/oauth2/revoke", app.app().clientId(), app.clientSecret(), "token", token,
				"token_type_hint", "refresh_token"))
			.hasStatusOk();

		assertThat(me(token)).hasStatus(HttpStatus.UNAUTHORIZED).headers().satisfies(OAuthTestSupport::invalidToken);
	}

	@Test
	void aSignedTokenWithItsScopesWidenedIsRefusedThoughItsChecksumIsMadeToMatch() {
		RegisteredApp app = confidentialApp("contacts.read contacts.write");
		String token = accessToken(app, "contacts.read");
		byte[] body = CredentialFormat.decode(token, CredentialFormat.ACCESS_TOKEN, SignedAccessTokens.BODY);
		// the scope bits (bytes 35 to 38): contacts.write as well
		body[38] |= 0b10;
		String widened = CredentialFormat.encode(CredentialFormat.ACCESS_TOKEN, body);
		assertThat(SignedAccessTokens.isWellFormedAccessToken(widened)).isTrue();

		// RFC 6750 §3.1: invalid_token; RFC 7662 §2.2: inactive
		assertThat(me(widened)).hasStatus(HttpStatus.UNAUTHORIZED).headers().satisfies(OAuthTestSupport::invalidToken);
		assertThat(introspect(app, widened)).containsExactly(Map.entry("active", false));
		assertThat(me(token)).hasStatusOk();
	}

	@Test
	void anExpiredSignedTokenIsRefusedAndInactive() {
		RegisteredApp app = confidentialApp("contacts.read");
		Instant issued = this.clock.instant().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MILLIS);
		String token = this.signed.sign(new SignedAccessTokens.Grant(app.app().id().value(), issued,
				issued.plus(Duration.ofMinutes(15)), Set.of("contacts.read"), UUID.randomUUID()));

		assertThat(me(token)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(introspect(app, token)).containsExactly(Map.entry("active", false));
	}

	@Test
	void suspendingTheAppRevokesEverySignedTokenItWasIssuedForGood() {
		RegisteredApp app = confidentialApp("contacts.read");
		String token = accessToken(app, "contacts.read");
		assertThat(me(token)).hasStatusOk();

		this.apps.suspend(app.app().id(), "test");

		assertThat(me(token)).hasStatus(HttpStatus.UNAUTHORIZED);
		// resuming the app would not bring the token back: the floor refuses it whatever
		// the app's state, while a token issued after the suspension passes it
		assertThat(this.grants.find(token, CredentialFormat.sha256(token))).isNull();
		Instant later = this.clock.instant().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
		String issuedLater = this.signed.sign(new SignedAccessTokens.Grant(app.app().id().value(), later,
				later.plus(Duration.ofMinutes(15)), Set.of("contacts.read"), UUID.randomUUID()));
		assertThat(this.grants.find(issuedLater, CredentialFormat.sha256(issuedLater))).isNotNull();
	}

	@Test
	void aNodeThatNeverSawTheKeyChecksTokensAnotherSignedAndTheKeyIsStoredEncrypted() {
		RegisteredApp app = confidentialApp("contacts.read reports.read");
		String token = accessToken(app, "contacts.read reports.read");

		SignedAccessTokens otherNode = new SignedAccessTokens(
				new TokenMacKeys(this.jdbc, this.box, this.clock, this.properties));

		SignedAccessTokens.Grant grant = otherNode.read(token);
		assertThat(grant).isNotNull();
		assertThat(grant.app()).isEqualTo(app.app().id().value());
		assertThat(grant.scopes()).containsExactly("contacts.read", "reports.read");
		int id = keyIdOf(token);
		String sealed = this.jdbc.sql("select sealed_key from oauth_token_keys where id = ?")
			.param(id)
			.query(String.class)
			.single();
		// 32 bytes in base64 are 44 characters; the column holds Tink's ciphertext of
		// them
		assertThat(this.box.decrypt(sealed, "oauth_token_keys:" + id)).hasSize(44).isNotEqualTo(sealed);
	}

	@Test
	void aNodeGivenAnotherEncryptionKeySignsWithAKeyOfItsOwnWhoseTokensTheOthersRefuse() {
		RegisteredApp app = confidentialApp("contacts.read");
		accessToken(app, "contacts.read");
		SignedAccessTokens misconfigured = new SignedAccessTokens(
				new TokenMacKeys(this.jdbc, new OtherEncryptionKey(), this.clock, this.properties));
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		// it cannot open the cluster's keys, so it makes one of its own rather than fail
		// every token request
		String token = misconfigured.sign(new SignedAccessTokens.Grant(app.app().id().value(), now,
				now.plus(Duration.ofMinutes(15)), Set.of("contacts.read"), UUID.randomUUID()));
		try {
			assertThat(misconfigured.read(token)).isNotNull();

			assertThat(me(token)).hasStatus(HttpStatus.UNAUTHORIZED);
			assertThat(me(accessToken(app, "contacts.read"))).hasStatusOk();
		}
		finally {
			this.jdbc.sql("delete from oauth_token_keys where id = ?").param(keyIdOf(token)).update();
		}
	}

	@Test
	void afterARotationTheNewKeySignsAndTheOldOneChecksItsTokensForTheRetentionOnly() {
		RegisteredApp app = confidentialApp("contacts.read");
		String before = accessToken(app, "contacts.read");
		try {
			int rotated = this.keys.rotate();

			String after = accessToken(app, "contacts.read");
			assertThat(keyIdOf(after)).isEqualTo(rotated).isGreaterThan(keyIdOf(before));
			assertThat(me(before)).hasStatusOk();
			assertThat(me(after)).hasStatusOk();
			// an hour later (mailgate.oauth.retired-key-retention), on a node reading the
			// keys
			// afresh, the retired key checks nothing any more
			this.jdbc.sql("update oauth_token_keys set retired_at = ? where id < ?")
				.params(Timestamps
					.utc(this.clock.instant().minus(this.properties.retiredKeyRetention()).minusSeconds(1)), rotated)
				.update();
			SignedAccessTokens later = new SignedAccessTokens(
					new TokenMacKeys(this.jdbc, this.box, this.clock, this.properties));
			assertThat(later.read(before)).isNull();
			assertThat(later.read(after)).isNotNull();
		}
		finally {
			// retired now, as the rotation left them, for the tests after this one
			this.jdbc.sql("update oauth_token_keys set retired_at = ? where retired_at is not null")
				.param(Timestamps.utc(this.clock.instant()))
				.update();
		}
	}

	private static int keyIdOf(String token) {
		byte[] body = CredentialFormat.decode(token, CredentialFormat.ACCESS_TOKEN, SignedAccessTokens.BODY);
		return ((body[1] & 0xFF) << 8) | (body[2] & 0xFF);
	}

	@Test
	void theRevocationOfASignedTokenIsForgottenOnceTheTokenWouldHaveExpiredLongEnough() {
		RegisteredApp app = confidentialApp("contacts.read");
		String expiredLongAgo = accessToken(app, "contacts.read");
		String live = accessToken(app, "contacts.read");
		assertThat(revoke(app, expiredLongAgo)).hasStatusOk();
		assertThat(revoke(app, live)).hasStatusOk();
		this.jdbc.sql("update oauth_revoked_tokens set expires_at = ? where token_hash = ?")
			.params(Timestamps.utc(this.clock.instant().minus(Duration.ofDays(2))),
					CredentialFormat.sha256(expiredLongAgo))
			.update();

		this.retention.purge();

		assertThat(this.jdbc.sql("select token_hash from oauth_revoked_tokens where registered_client_id = ?")
			.param(app.app().id().value())
			.query(String.class)
			.list()).containsExactly(CredentialFormat.sha256(live));
		assertThat(me(live)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	private MvcTestResult me(String token) {
		return this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + token).exchange();
	}

	private MvcTestResult revoke(RegisteredApp app, String token) {
		return this.flows.post("/oauth2/revoke", app.app().clientId(), app.clientSecret(), "token", token);
	}

	private Map<String, Object> introspect(RegisteredApp app, String token) {
		return OAuthFlows
			.json(this.flows.post("/oauth2/introspect", app.app().clientId(), app.clientSecret(), "token", token));
	}

}
