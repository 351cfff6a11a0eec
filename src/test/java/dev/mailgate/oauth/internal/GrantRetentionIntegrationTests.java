package dev.mailgate.oauth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.apps.TokenFormat;
import dev.mailgate.platform.CredentialFormat;
import dev.mailgate.platform.Timestamps;
import dev.mailgate.support.OAuthFlows;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grants nothing can use any more leave the database a day
 * ({@code mailgate.oauth.expired-grant-retention}) after their last code or token
 * expired; everything still usable stays. The rows are aged by hand: the retention is
 * measured against the times the rows hold.
 */
class GrantRetentionIntegrationTests extends OAuthTestSupport {

	@Autowired
	GrantRetention retention;

	@Autowired
	OAuthProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Test
	void grantsWhoseCodesAndTokensAllExpiredBeforeTheRetentionAreDeleted() {
		assertThat(this.properties.expiredGrantRetention()).isEqualTo(Duration.ofDays(1));
		// JWT access tokens, so that client_credentials tokens have rows (signed opaque
		// ones have none)
		RegisteredApp app = register(true, Set.of("authorization_code", "refresh_token", "client_credentials"),
				"contacts.read", TokenFormat.JWT);
		String expiredLongAgo = accessToken(app, "contacts.read");
		age("access_hash", expiredLongAgo, Duration.ofDays(3), Duration.ofDays(2));
		String expiredLastHour = accessToken(app, "contacts.read");
		age("access_hash", expiredLastHour, Duration.ofHours(2), Duration.ofHours(1));
		String live = accessToken(app, "contacts.read");
		// a person's grant refreshed once, then all of it expired two days ago; each
		// grant
		// below also spent a refresh token of the earlier shape, which is recorded
		// (RefreshTokenFamily)
		Map<String, Object> first = grant(app, "contacts.read");
		Map<String, Object> refreshed = refresh(app, (String) first.get("refresh_token"));
		String gone = (String) refreshed.get("refresh_token");
		age(REFRESH_HASH, gone, Duration.ofDays(3), Duration.ofDays(2));
		String goneId = this.jdbc.sql("select id from oauth_authorizations where " + REFRESH_HASH + " = ?")
			.param(CredentialFormat.sha256(gone))
			.query(String.class)
			.single();
		spentEarlier(goneId);
		assertThat(spentRefreshTokens(goneId)).isOne();
		// a person's grant refreshed once and still live
		Map<String, Object> liveGrant = refresh(app, (String) grant(app, "contacts.read").get("refresh_token"));
		String liveId = this.jdbc.sql("select id from oauth_authorizations where " + REFRESH_HASH + " = ?")
			.param(CredentialFormat.sha256((String) liveGrant.get("refresh_token")))
			.query(String.class)
			.single();
		spentEarlier(liveId);

		assertThat(this.retention.purge()).isGreaterThanOrEqualTo(2);

		assertThat(stored("access_hash", expiredLongAgo)).isFalse();
		assertThat(stored(REFRESH_HASH, gone)).isFalse();
		// the spent refresh token went with its grant (RFC 9700 §4.14.2 needs it only
		// while the family can still be refreshed)
		assertThat(spentRefreshTokens(goneId)).isZero();
		assertThat(spentRefreshTokens(liveId)).isOne();
		assertThat(stored("access_hash", expiredLastHour)).isTrue();
		assertThat(stored("access_hash", live)).isTrue();
		// to a client a deleted grant is what an expired one was: inactive (RFC 7662
		// §2.2),
		// and its refresh token is an invalid grant (RFC 6749 §5.2)
		assertThat(this.flows.post("/oauth2/introspect", app.app().clientId(), app.clientSecret(), "token",
				expiredLongAgo))
			.hasStatusOk()
			.bodyJson()
			.isEqualTo("{\"active\":false}");
		MvcTestResult stale = this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "refresh_token",
				"refresh_token", gone);
		assertThat(stale).hasStatus(400).bodyJson().extractingPath("$.error").isEqualTo("invalid_grant");
		assertThat(this.flows.post("/oauth2/introspect", app.app().clientId(), app.clientSecret(), "token", live))
			.bodyJson()
			.extractingPath("$.active")
			.isEqualTo(true);
	}

	@Test
	void aGrantWhoseRefreshTokenLivesStaysAndRefreshesThoughItsAccessTokenExpiredLongAgo() {
		RegisteredApp app = confidentialApp("contacts.read");
		Map<String, Object> tokens = grant(app, "contacts.read");
		String refreshToken = (String) tokens.get("refresh_token");
		age(REFRESH_HASH, refreshToken, Duration.ofDays(20), null);

		this.retention.purge();

		assertThat(stored(REFRESH_HASH, refreshToken)).isTrue();
		assertThat(refresh(app, refreshToken)).containsKeys("access_token", "refresh_token");
	}

	@Test
	void anAuthorizationNeverCompletedIsDeletedADayAfterItStarted() {
		RegisteredApp app = confidentialApp("contacts.read");
		String leftOpen = consentState(app);
		String justStarted = consentState(app);
		this.jdbc.sql("update oauth_authorizations set created_at = ? where state_hash = ?")
			.params(ago(Duration.ofHours(25)), CredentialFormat.sha256(leftOpen))
			.update();

		this.retention.purge();

		assertThat(stored("state_hash", leftOpen)).isFalse();
		assertThat(stored("state_hash", justStarted)).isTrue();
	}

	/**
	 * The state of the consent page a new person's authorization request led to: the
	 * authorization waits there, stored, for the person to allow or deny.
	 */
	private String consentState(RegisteredApp app) {
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		MvcTestResult authorization = this.flows.authorize(person, app.app().clientId(), REDIRECT_URI, "contacts.read",
				"s-1", OAuthFlows.pkce());
		String consentPage = authorization.getResponse().getRedirectedUrl();
		assertThat(consentPage).contains("/oauth2/consent");
		return OAuthFlows.query(consentPage).getFirst("state");
	}

	private Map<String, Object> refresh(RegisteredApp app, String refreshToken) {
		return OAuthFlows.json(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "refresh_token",
				"refresh_token", refreshToken));
	}

	/**
	 * Moves the grant holding the token back in time: started, and each of its codes and
	 * tokens issued, {@code started} ago, and each of them expired {@code expired} ago
	 * ({@code null} keeps the refresh token's expiry).
	 */
	private void age(String column, String token, Duration started, @Nullable Duration expired) {
		StringBuilder sql = new StringBuilder("update oauth_authorizations set created_at = :started");
		for (String kind : List.of("code", "access", "refresh", "id_token")) {
			String hash = switch (kind) {
				case "refresh" -> REFRESH_HASH;
				case "access" -> ACCESS_HASH;
				default -> kind + "_hash";
			};
			sql.append(", %s_issued_at = case when %s is null then null else :started end".formatted(kind, hash));
			if (expired != null || !kind.equals("refresh")) {
				sql.append(", %s_expires_at = case when %s is null then null else :expired end".formatted(kind, hash));
			}
		}
		sql.append(" where %s = :hash".formatted(column));
		int updated = this.jdbc.sql(sql.toString())
			.param("started", ago(started))
			.param("expired", ago((expired != null) ? expired : Duration.ofDays(1)))
			.param("hash", CredentialFormat.sha256(token))
			.update();
		assertThat(updated).isOne();
	}

	private boolean stored(String column, String token) {
		return this.jdbc.sql("select count(*) from oauth_authorizations where %s = ?".formatted(column))
			.param(CredentialFormat.sha256(token))
			.query(Long.class)
			.single() > 0;
	}

	private void spentEarlier(String authorizationId) {
		String spent = CredentialFormat.generate(CredentialFormat.REFRESH_TOKEN);
		this.jdbc.sql("""
				insert into oauth_spent_refresh (hash_key, token_hash, authorization_id, spent_at)
				values (?, ?, ?, ?)""")
			.params(HashedAuthorizationService.hashKey(CredentialFormat.sha256(spent)), CredentialFormat.sha256(spent),
					authorizationId, ago(Duration.ofDays(3)))
			.update();
	}

	private long spentRefreshTokens(String authorizationId) {
		return this.jdbc.sql("select count(*) from oauth_spent_refresh where authorization_id = ?")
			.param(authorizationId)
			.query(Long.class)
			.single();
	}

	private static Object ago(Duration duration) {
		return Timestamps.utc(Instant.now().minus(duration));
	}

}
