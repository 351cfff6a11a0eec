package dev.mailgate.oauth.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.platform.CredentialFormat;
import dev.mailgate.support.OAuthFlows;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens of a person's grant that name it ({@link GrantAccessTokens}): found by
 * the grant's id, so that a refresh changes no index of the grants' table.
 */
class GrantAccessTokensIntegrationTests extends OAuthTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRefreshKeepsBothNewHashesOutOfTheIndexedColumnsAndTheNewAccessTokenWorks() {
		RegisteredApp app = confidentialApp("contacts.read");
		Map<String, Object> first = grant(app, "contacts.read");
		Map<String, Object> refreshed = refresh(app, (String) first.get("refresh_token"));
		String access = (String) refreshed.get("access_token");
		UUID grant = GrantAccessTokens.grantOf(access);

		assertThat(grant).isEqualTo(RefreshTokenFamily.read((String) refreshed.get("refresh_token")).grant());
		assertThat(hashColumns(grant)).containsExactly(null, CredentialFormat.sha256(access), null,
				CredentialFormat.sha256((String) refreshed.get("refresh_token")));
		assertThat(me(access)).hasStatusOk();
		// the access token the refresh replaced no longer works
		assertThat(me((String) first.get("access_token"))).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	/**
	 * RFC 6750 §3.1: a token that names a grant but is not its access token is
	 * invalid_token, and costs the grant nothing.
	 */
	@Test
	void aMadeUpAccessTokenNamingSomeonesGrantIsRefusedAndRevokesNothing() {
		RegisteredApp app = confidentialApp("contacts.read");
		Map<String, Object> tokens = grant(app, "contacts.read");
		String madeUp = GrantAccessTokens.issue(GrantAccessTokens.grantOf((String) tokens.get("access_token")));

		assertThat(me(madeUp)).hasStatus(HttpStatus.UNAUTHORIZED)
			.headers()
			.satisfies((headers) -> assertThat(headers.getFirst("WWW-Authenticate")).contains("invalid_token"));
		assertThat(OAuthFlows
			.json(this.flows.post("/oauth2/introspect", app.app().clientId(), app.clientSecret(), "token", madeUp)))
			.containsEntry("active", false);
		assertThat(me((String) tokens.get("access_token"))).hasStatusOk();
	}

	/**
	 * A grant whose access token names it but was stored, as before V26, in the indexed
	 * column: it is still found by the grant's id.
	 */
	@Test
	void aNamingAccessTokenStoredInTheIndexedColumnStillWorks() {
		RegisteredApp app = confidentialApp("contacts.read");
		String access = (String) grant(app, "contacts.read").get("access_token");
		UUID grant = GrantAccessTokens.grantOf(access);
		this.jdbc
			.sql("update oauth_authorizations set access_hash = named_access_hash, named_access_hash = null"
					+ " where id = ?")
			.param(grant.toString())
			.update();

		assertThat(me(access)).hasStatusOk();
		assertThat(OAuthFlows
			.json(this.flows.post("/oauth2/introspect", app.app().clientId(), app.clientSecret(), "token", access)))
			.containsEntry("active", true);
	}

	/**
	 * RFC 7009 §2.1: without a token_type_hint the server finds the token itself; a
	 * revoked access token stops working (§2.2), and the grant's refresh token stays.
	 */
	@Test
	void anAccessTokenNamingItsGrantIsRevokedWithoutAHint() {
		RegisteredApp app = confidentialApp("contacts.read");
		Map<String, Object> tokens = grant(app, "contacts.read");
		String access = (String) tokens.get("access_token");
		assertThat(me(access)).hasStatusOk();

		assertThat(this.flows.post("/oauth2/revoke", app.app().clientId(), app.clientSecret(), "token", access))
			.hasStatusOk();

		assertThat(me(access)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(refresh(app, (String) tokens.get("refresh_token"))).containsKey("access_token");
	}

	private MvcTestResult me(String accessToken) {
		return this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + accessToken).exchange();
	}

	private Map<String, Object> refresh(RegisteredApp app, String refreshToken) {
		MvcTestResult result = this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "refresh_token",
				"refresh_token", refreshToken);
		assertThat(result).hasStatusOk();
		return OAuthFlows.json(result);
	}

	/**
	 * The grant's access_hash and named_access_hash, refresh_hash and named_refresh_hash.
	 */
	private List<@Nullable String> hashColumns(UUID grant) {
		return this.jdbc.sql("""
				select access_hash, named_access_hash, refresh_hash, named_refresh_hash
				from oauth_authorizations where id = ?""")
			.param(grant.toString())
			.query((rs, row) -> Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.single();
	}

}
