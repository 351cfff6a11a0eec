package dev.mailgate.oauth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.NewApp;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.apps.TokenFormat;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.OAuthFlows.Pkce;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the protocol tests share: apps to play the client, people to play the marketer.
 */
abstract class OAuthTestSupport extends IntegrationTestSupport {

	static final String REDIRECT_URI = "https://crm.example.com/oauth/callback";

	/**
	 * The hash of a grant's current refresh token, in whichever column holds it: one that
	 * names its grant has no index (V25), one of the earlier shape has.
	 */
	static final String REFRESH_HASH = "coalesce(refresh_hash, named_refresh_hash)";

	/**
	 * The hash of a grant's current access token, in whichever column holds it: one that
	 * names its grant has no index (V26), the others have.
	 */
	static final String ACCESS_HASH = "coalesce(access_hash, named_access_hash)";

	@Autowired
	Apps apps;

	@Autowired
	Accounts accounts;

	OAuthFlows flows;

	@BeforeEach
	void flows() {
		this.flows = new OAuthFlows(this.mvc);
	}

	RegisteredApp confidentialApp(String scopes) {
		return register(true, Set.of("authorization_code", "refresh_token", "client_credentials"), scopes,
				TokenFormat.OPAQUE);
	}

	/**
	 * The authorization as a refresh would save it: with a new refresh token, issued now
	 * and good for 30 days.
	 */
	static OAuth2Authorization rotated(OAuth2Authorization authorization, String refreshToken) {
		Instant now = Instant.now();
		return OAuth2Authorization.from(authorization)
			.refreshToken(new OAuth2RefreshToken(refreshToken, now, now.plus(Duration.ofDays(30))))
			.build();
	}

	/**
	 * A client_credentials access token of the app.
	 */
	String accessToken(RegisteredApp app, String scope) {
		return (String) this.flows.clientCredentials(app.app().clientId(), app.clientSecret(), scope)
			.get("access_token");
	}

	/**
	 * A new person's grant to the app: the token response of the code flow with PKCE.
	 */
	Map<String, Object> grant(RegisteredApp app, String scope) {
		return grant(app, this.flows.newPerson(uniqueEmail()), scope);
	}

	/**
	 * The person's grant to the app: the token response of the code flow with PKCE.
	 */
	Map<String, Object> grant(RegisteredApp app, MockHttpSession person, String scope) {
		Pkce pkce = OAuthFlows.pkce();
		String code = this.flows.code(person, app.app().clientId(), REDIRECT_URI, scope, pkce);
		return this.flows.exchange(app.app().clientId(), app.clientSecret(), code, REDIRECT_URI, pkce);
	}

	/**
	 * RFC 6750 §3.1: the API's challenge names the error {@code invalid_token}.
	 */
	static void invalidToken(HttpHeaders headers) {
		assertThat(headers.getFirst("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
	}

	RegisteredApp publicApp(String scopes) {
		return register(false, Set.of("authorization_code", "refresh_token"), scopes, TokenFormat.OPAQUE);
	}

	RegisteredApp register(boolean confidential, Set<String> grants, String scopes, TokenFormat format) {
		return this.apps.register(this.accounts.bootstrapWorkspace().orElseThrow(),
				new NewApp("Acme CRM", "Keeps your contacts in sync", "https://crm.example.com", null, confidential,
						List.of(REDIRECT_URI, "http://127.0.0.1/callback"), grants, Set.of(scopes.split(" ")), format,
						Duration.ofMinutes(15)),
				false);
	}

}
