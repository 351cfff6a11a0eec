package dev.mailgate.oauth.internal;

import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

/**
 * Copies of Spring Security's token objects with another value.
 */
final class Tokens {

	private Tokens() {
	}

	static AbstractOAuth2Token copyWithValue(AbstractOAuth2Token token, String value) {
		if (token instanceof OAuth2AccessToken access) {
			return new OAuth2AccessToken(access.getTokenType(), value, access.getIssuedAt(), access.getExpiresAt(),
					access.getScopes());
		}
		if (token instanceof OAuth2RefreshToken refresh) {
			return new OAuth2RefreshToken(value, refresh.getIssuedAt(), refresh.getExpiresAt());
		}
		if (token instanceof OAuth2AuthorizationCode code) {
			return new OAuth2AuthorizationCode(value, code.getIssuedAt(), code.getExpiresAt());
		}
		if (token instanceof OidcIdToken idToken) {
			return new OidcIdToken(value, idToken.getIssuedAt(), idToken.getExpiresAt(), idToken.getClaims());
		}
		throw new IllegalArgumentException("Unknown token type " + token.getClass().getName());
	}

}
