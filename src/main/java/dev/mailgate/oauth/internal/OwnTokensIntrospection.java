package dev.mailgate.oauth.internal;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

/**
 * Lets an app introspect only the tokens issued to it: any other token, live or not, is
 * {@code "active": false} to it (RFC 7662 §2.2 leaves this to the server; telling an app
 * about another app's tokens would leak them).
 */
class OwnTokensIntrospection implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	OwnTokensIntrospection(AuthenticationProvider delegate) {
		this.delegate = delegate;
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) {
		OAuth2TokenIntrospectionAuthenticationToken result = (OAuth2TokenIntrospectionAuthenticationToken) this.delegate
			.authenticate(authentication);
		if (result == null || !result.getTokenClaims().isActive()) {
			return result;
		}
		OAuth2ClientAuthenticationToken asking = (OAuth2ClientAuthenticationToken) result.getPrincipal();
		String askingClient = (asking.getRegisteredClient() != null) ? asking.getRegisteredClient().getClientId()
				: null;
		if (askingClient != null && askingClient.equals(result.getTokenClaims().getClientId())) {
			return result;
		}
		return new OAuth2TokenIntrospectionAuthenticationToken(result.getToken(), asking,
				OAuth2TokenIntrospection.builder().build());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
