package dev.mailgate.oauth.internal;

import dev.mailgate.platform.CredentialFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The token store as the introspection endpoint reads it (RFC 7662). An access token,
 * what resource servers ask about, comes from the same per-node cache as the API's bearer
 * token check, with the same promise: a revocation evicts it on every node before the
 * next request. Without the cache every introspection read the grant and decoded its
 * attributes from the database: about 30 % of the request (docs/benchmarks.md).
 * <p>
 * It is a view for reading only, like {@code Collections.unmodifiableList}: a grant from
 * the cache may be a minute old (a rotated refresh token, for one), and saving it would
 * write the old tokens back over the current ones. Spring AS's introspection never saves;
 * revocation, which does, gets the store itself, which reads the database.
 */
final class IntrospectionLookups implements OAuth2AuthorizationService {

	private static final String READ_ONLY = "Introspection's view of the grants is read-only: "
			+ "a grant from the token cache may be stale; write through HashedAuthorizationService";

	private final HashedAuthorizationService store;

	IntrospectionLookups(HashedAuthorizationService store) {
		this.store = store;
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		if (token.startsWith(CredentialFormat.ACCESS_TOKEN)) {
			// a mistyped or made-up token is inactive without a look-up
			return SignedAccessTokens.isWellFormedAccessToken(token) ? this.store.findAccessToken(token) : null;
		}
		return this.store.findByToken(token, tokenType);
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		return this.store.findById(id);
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		throw new UnsupportedOperationException(READ_ONLY);
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		throw new UnsupportedOperationException(READ_ONLY);
	}

}
