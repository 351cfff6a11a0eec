package dev.mailgate.oauth.internal;

import java.net.URI;
import java.time.Clock;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opaque access tokens' claims, which introspection answers with (RFC 7662 §2.2).
 */
class MailgateTokenGeneratorsTests {

	private final MailgateTokenGenerators.AccessTokens tokens = new MailgateTokenGenerators.AccessTokens(
			Clock.systemUTC(), (context) -> {
			}, null);

	@Test
	void eachTokenNamesTheIssuerItWasIssuedByEvenWhenTheIssuerChanges() throws Exception {
		ClaimAccessor first = claims(token("https://mailgate.example"));
		ClaimAccessor again = claims(token("https://mailgate.example"));
		ClaimAccessor moved = claims(token("https://mail.example.org:8443/tenant"));

		assertThat(first.getClaimAsURL("iss")).isEqualTo(URI.create("https://mailgate.example").toURL());
		assertThat(again.getClaimAsURL("iss")).isEqualTo(URI.create("https://mailgate.example").toURL());
		assertThat(moved.getClaimAsURL("iss")).isEqualTo(URI.create("https://mail.example.org:8443/tenant").toURL());
		assertThat(first.getClaimAsString("jti")).isNotEqualTo(again.getClaimAsString("jti"));
	}

	@Test
	void anIssuerThatIsNoUrlIsKeptAsText() {
		// RFC 7519 §4.1.1: "iss" is a StringOrURI
		assertThat(claims(token("mailgate")).getClaimAsString("iss")).isEqualTo("mailgate");
	}

	private OAuth2AccessToken token(String issuer) {
		RegisteredClient client = RegisteredClient.withId("app-1")
			.clientId("mga_client")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("contacts.read")
			.tokenSettings(TokenSettings.builder().accessTokenFormat(OAuth2TokenFormat.REFERENCE).build())
			.build();
		AuthorizationServerSettings settings = AuthorizationServerSettings.builder().build();
		AuthorizationServerContext server = new AuthorizationServerContext() {

			@Override
			public String getIssuer() {
				return issuer;
			}

			@Override
			public AuthorizationServerSettings getAuthorizationServerSettings() {
				return settings;
			}

		};
		return this.tokens.generate(DefaultOAuth2TokenContext.builder()
			.registeredClient(client)
			.principal(new TestingAuthenticationToken("mga_client", null))
			.authorizationServerContext(server)
			.authorizedScopes(Set.of("contacts.read"))
			.tokenType(OAuth2TokenType.ACCESS_TOKEN)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.build());
	}

	private static ClaimAccessor claims(OAuth2AccessToken token) {
		assertThat(token).isInstanceOf(ClaimAccessor.class);
		return (ClaimAccessor) token;
	}

}
