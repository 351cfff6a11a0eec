package dev.mailgate.oauth.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.platform.CredentialFormat;
import dev.mailgate.support.OAuthFlows;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh tokens that name their grant and its family ({@link RefreshTokenFamily}): how
 * rotation and reuse detection (RFC 9700 §4.14.2) work without a record of every spent
 * token.
 */
class RefreshTokenFamilyIntegrationTests extends OAuthTestSupport {

	@Autowired
	HashedAuthorizationService store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionOperations transactions;

	@Test
	void everyRefreshTokenOfAGrantNamesItAndItsFamilyAndNoOtherGrantSharesTheFamily() {
		RegisteredApp app = confidentialApp("contacts.read");
		String first = (String) grant(app, "contacts.read").get("refresh_token");
		String second = (String) refresh(app, first).get("refresh_token");
		String otherGrants = (String) grant(app, "contacts.read").get("refresh_token");

		RefreshTokenFamily.Named one = RefreshTokenFamily.read(first);
		RefreshTokenFamily.Named two = RefreshTokenFamily.read(second);
		RefreshTokenFamily.Named other = RefreshTokenFamily.read(otherGrants);
		assertThat(second).isNotEqualTo(first).hasSize(first.length()).startsWith("mgr_");
		assertThat(two.grant()).isEqualTo(one.grant()).isEqualTo(UUID.fromString(grantOf(second)));
		assertThat(two.family()).isEqualTo(one.family());
		assertThat(other.grant()).isNotEqualTo(one.grant());
		assertThat(other.family()).isNotEqualTo(one.family());
	}

	@Test
	void aRotationRecordsNoSpentTokenYetTheSpentTokenRevokesTheWholeFamily() {
		RegisteredApp app = confidentialApp("contacts.read");
		Map<String, Object> tokens = grant(app, "contacts.read");
		String spent = (String) tokens.get("refresh_token");
		Map<String, Object> refreshed = refresh(app, spent);
		String grant = grantOf((String) refreshed.get("refresh_token"));
		assertThat(spentRecords(grant)).isZero();

		MvcTestResult replay = refreshing(app, spent);

		// RFC 9700 §4.14.2: the spent token proves it was spent; its whole family goes
		assertThat(replay).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_grant"));
		assertThat(refreshing(app, (String) refreshed.get("refresh_token"))).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + refreshed.get("access_token")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(rows(grant)).isZero();
	}

	@Test
	void aMadeUpRefreshTokenNamingSomeonesGrantIsRefusedAndRevokesNothing() {
		RegisteredApp app = confidentialApp("contacts.read");
		Map<String, Object> tokens = grant(app, "contacts.read");
		String current = (String) tokens.get("refresh_token");
		UUID grant = RefreshTokenFamily.read(current).grant();
		String madeUp = RefreshTokenFamily.issue(grant, null);

		// RFC 6749 §5.2: invalid_grant; RFC 9700 §4.14.2 revokes a family on a token
		// it issued, and this one it did not: it lacks the family's secret
		assertThat(refreshing(app, madeUp)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.error", (error) -> assertThat(error).isEqualTo("invalid_grant"));
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + tokens.get("access_token")))
			.hasStatusOk();
		assertThat(refreshing(app, current)).hasStatusOk();
	}

	@Test
	void aGrantWhoseRefreshTokenHasTheEarlierShapeRecordsItsSpentTokenAndMovesToTheNewShape() {
		RegisteredApp app = confidentialApp("contacts.read");
		String current = (String) grant(app, "contacts.read").get("refresh_token");
		String grant = grantOf(current);
		String earlier = CredentialFormat.generate(CredentialFormat.REFRESH_TOKEN);
		asIssuedBeforeFamilies(grant, earlier);

		Map<String, Object> refreshed = refresh(app, earlier);

		assertThat(RefreshTokenFamily.read((String) refreshed.get("refresh_token")).grant())
			.isEqualTo(UUID.fromString(grant));
		assertThat(spentRecords(grant)).isOne();
		// RFC 9700 §4.14.2: the earlier token cannot prove it was spent; its record does
		assertSpentTokenRevokesTheGrant(app, earlier, grant);
	}

	/**
	 * A refresh token that names its grant is found by the grant's id, so its hash is
	 * kept where no index has to change with every rotation; the earlier shape's stays
	 * indexed.
	 */
	@Test
	void aRefreshTokenThatNamesItsGrantIsKeptOutOfTheIndexOfRefreshTokenHashes() {
		RegisteredApp app = confidentialApp("contacts.read");
		String first = (String) grant(app, "contacts.read").get("refresh_token");
		String second = (String) refresh(app, first).get("refresh_token");
		String grant = grantOf(second);

		assertThat(refreshColumns(grant)).containsExactly(null, CredentialFormat.sha256(second));

		// RFC 9700 §4.14.2 holds without the index: the spent one revokes the family
		assertSpentTokenRevokesTheGrant(app, first, grant);
	}

	/**
	 * A grant whose refresh token names it but was stored, as before V25, in the indexed
	 * column: it is still found by its id, refreshed, and its next token moves to the
	 * column without an index.
	 */
	@Test
	void aNamingRefreshTokenStoredInTheIndexedColumnStillRefreshesAndMovesOutOfIt() {
		RegisteredApp app = confidentialApp("contacts.read");
		String stored = (String) grant(app, "contacts.read").get("refresh_token");
		String grant = grantOf(stored);
		this.jdbc
			.sql("update oauth_authorizations set refresh_hash = named_refresh_hash, named_refresh_hash = null"
					+ " where id = ?")
			.param(grant)
			.update();
		assertThat(refreshColumns(grant)).containsExactly(CredentialFormat.sha256(stored), null);

		String next = (String) refresh(app, stored).get("refresh_token");

		assertThat(refreshColumns(grant)).containsExactly(null, CredentialFormat.sha256(next));
		assertSpentTokenRevokesTheGrant(app, stored, grant);
	}

	/**
	 * Two refreshes with the same token, the second reaching the row while the first
	 * holds it: the second waits, then finds another token there and loses (RFC 9700
	 * §4.14.2), where the spent tokens' key used to decide.
	 */
	@Test
	void aRefreshThatWaitsForAnotherWithTheSameTokenFindsItSpentOnceTheOtherCommits() throws Exception {
		RegisteredApp app = confidentialApp("contacts.read");
		String refresh = (String) grant(app, "contacts.read").get("refresh_token");
		OAuth2Authorization first = this.store.findByToken(refresh, OAuth2TokenType.REFRESH_TOKEN);
		OAuth2Authorization second = this.store.findByToken(refresh, OAuth2TokenType.REFRESH_TOKEN);
		String firstNew = RefreshTokenFamily.issue(UUID.fromString(first.getId()),
				RefreshTokenFamily.read(refresh).family());
		String secondNew = RefreshTokenFamily.issue(UUID.fromString(first.getId()),
				RefreshTokenFamily.read(refresh).family());
		CountDownLatch firstWrote = new CountDownLatch(1);
		CompletableFuture<Void> secondSaved = new CompletableFuture<>();

		this.transactions.executeWithoutResult((status) -> {
			this.store.save(rotated(first, firstNew));
			CompletableFuture.runAsync(() -> {
				firstWrote.countDown();
				this.store.save(rotated(second, secondNew));
			}).whenComplete((done, failure) -> {
				if (failure != null) {
					secondSaved.completeExceptionally(failure);
				}
				else {
					secondSaved.complete(null);
				}
			});
			await(firstWrote);
			sleep(Duration.ofMillis(300)); // the second is now waiting for the row
			assertThat(secondSaved).isNotDone();
		});

		assertThat(secondSaved).failsWithin(Duration.ofSeconds(10))
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOfSatisfying(OAuth2AuthenticationException.class,
					(ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"));
		assertThat(this.store.findByToken(firstNew, OAuth2TokenType.REFRESH_TOKEN)).isNotNull();
		assertThat(this.store.findByToken(secondNew, OAuth2TokenType.REFRESH_TOKEN)).isNull();
	}

	private Map<String, Object> refresh(RegisteredApp app, String refreshToken) {
		MvcTestResult result = refreshing(app, refreshToken);
		assertThat(result).hasStatusOk();
		return OAuthFlows.json(result);
	}

	private MvcTestResult refreshing(RegisteredApp app, String refreshToken) {
		return this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "refresh_token",
				"refresh_token", refreshToken);
	}

	private String grantOf(String refreshToken) {
		return this.jdbc.sql("select id from oauth_authorizations where " + REFRESH_HASH + " = ?")
			.param(CredentialFormat.sha256(refreshToken))
			.query(String.class)
			.single();
	}

	/**
	 * RFC 9700 §4.14.2: a spent refresh token presented again is refused, and its grant
	 * with every token it holds is gone.
	 */
	private void assertSpentTokenRevokesTheGrant(RegisteredApp app, String spent, String grant) {
		assertThat(refreshing(app, spent)).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(rows(grant)).isZero();
	}

	/**
	 * The grant's refresh_hash (indexed) and named_refresh_hash (not).
	 */
	private List<@Nullable String> refreshColumns(String grant) {
		return this.jdbc.sql("select refresh_hash, named_refresh_hash from oauth_authorizations where id = ?")
			.param(grant)
			.query((rs, row) -> Arrays.asList(rs.getString(1), rs.getString(2)))
			.single();
	}

	private long spentRecords(String grant) {
		return this.jdbc.sql("select count(*) from oauth_spent_refresh where authorization_id = ?")
			.param(grant)
			.query(Long.class)
			.single();
	}

	private long rows(String grant) {
		return this.jdbc.sql("select count(*) from oauth_authorizations where id = ?")
			.param(grant)
			.query(Long.class)
			.single();
	}

	/**
	 * Makes the grant look like one from before refresh tokens had families: its current
	 * refresh token of the earlier shape, no family among its attributes.
	 */
	private void asIssuedBeforeFamilies(String grant, String refreshToken) {
		byte[] stored = this.jdbc.sql("select attributes from oauth_authorizations where id = ?")
			.param(grant)
			.query(byte[].class)
			.single();
		Map<String, Object> attributes = new HashMap<>(AttributeCodec.read(stored));
		assertThat(attributes.remove(RefreshTokenFamily.ATTRIBUTE)).isNotNull();
		this.jdbc.sql(
				"update oauth_authorizations set attributes = ?, refresh_hash = ?, named_refresh_hash = null where id = ?")
			.params(AttributeCodec.write(attributes, true), CredentialFormat.sha256(refreshToken), grant)
			.update();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
