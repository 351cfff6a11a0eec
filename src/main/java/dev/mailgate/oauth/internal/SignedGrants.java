package dev.mailgate.oauth.internal;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimNames;
import org.springframework.stereotype.Component;

/**
 * The grants behind {@link SignedAccessTokens signed access tokens}, for
 * {@link HashedAuthorizationService}: rebuilt from the token itself, with the claims a
 * stored token of the same grant would have, unless the token was revoked or its app
 * suspended since. Revoking one writes its hash until it would have expired; nothing else
 * about it is ever written.
 */
@Component
class SignedGrants {

	/**
	 * The attribute that marks an authorization rebuilt from a signed token: the SHA-256
	 * of the token's value.
	 */
	static final String SIGNED = "dev.mailgate.oauth.signedTokenHash";

	private final JdbcClient jdbc;

	private final SignedAccessTokens tokens;

	private final RegisteredClientRepository clients;

	private final TokenClaims claims;

	private final String issuer;

	private final Clock clock;

	SignedGrants(JdbcClient jdbc, SignedAccessTokens tokens, RegisteredClientRepository clients, TokenClaims claims,
			IssuerProperties issuer, Clock clock) {
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.clients = clients;
		this.claims = claims;
		this.issuer = issuer.trimmed();
		this.clock = clock;
	}

	/**
	 * @param hash the SHA-256 of the token's value
	 * @return the grant, its access token's value replaced by {@code sha256:<hash>}, or
	 * {@code null} when the token is not one Mailgate signed, was revoked, or was issued
	 * to an app that was suspended or deleted since
	 */
	@Nullable OAuth2Authorization find(String token, String hash) {
		SignedAccessTokens.Grant grant = this.tokens.read(token);
		RegisteredClient client = (grant != null) ? this.clients.findById(grant.app().toString()) : null;
		if (grant == null || client == null || revoked(hash, grant)) {
			return null;
		}
		OAuth2ClientAuthenticationToken principal = new OAuth2ClientAuthenticationToken(client,
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null);
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put(OAuth2TokenClaimNames.SUB, client.getClientId());
		claims.put(OAuth2TokenClaimNames.AUD, List.of(client.getClientId()));
		claims.put(OAuth2TokenClaimNames.IAT, grant.issuedAt());
		claims.put(OAuth2TokenClaimNames.EXP, grant.expiresAt());
		claims.put(OAuth2TokenClaimNames.NBF, grant.issuedAt());
		claims.put(OAuth2TokenClaimNames.JTI, grant.id().toString());
		claims.put(OAuth2TokenClaimNames.ISS, this.issuer);
		if (!grant.scopes().isEmpty()) {
			claims.put(OAuth2ParameterNames.SCOPE, grant.scopes());
		}
		claims.putAll(this.claims.of(client, principal, AuthorizationGrantType.CLIENT_CREDENTIALS));
		return OAuth2Authorization.withRegisteredClient(client)
			.id(grant.id().toString())
			.principalName(client.getClientId())
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.authorizedScopes(grant.scopes())
			.attribute(Principal.class.getName(), principal)
			.attribute(SIGNED, hash)
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, HashedAuthorizationService.HASHED + hash,
					grant.issuedAt(), grant.expiresAt(), grant.scopes()),
					(metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims))
			.build();
	}

	private boolean revoked(String hash, SignedAccessTokens.Grant grant) {
		return this.jdbc.sql("""
				select (select count(*) from oauth_revoked_tokens where token_hash = ?) as revoked,
				(select max(not_before) from oauth_token_floors where registered_client_id = ?) as floor""")
			.params(hash, grant.app())
			.query((rs, row) -> {
				Instant floor = Timestamps.instant(rs, "floor");
				return rs.getInt("revoked") > 0 || (floor != null && !grant.issuedAt().isAfter(floor));
			})
			.single();
	}

	/**
	 * Revokes the signed token of a grant {@link #find} rebuilt, on every node from their
	 * next look-up: its hash is kept until the token would have expired.
	 */
	void revoke(OAuth2Authorization grant) {
		String hash = Objects.requireNonNull(grant.getAttribute(SIGNED));
		OAuth2AccessToken token = Objects.requireNonNull(grant.getAccessToken()).getToken();
		try {
			this.jdbc.sql("""
					insert into oauth_revoked_tokens (token_hash, registered_client_id, expires_at, revoked_at)
					select ?, ?, ?, ? where not exists (select 1 from oauth_revoked_tokens where token_hash = ?)""")
				.params(hash, UUID.fromString(grant.getRegisteredClientId()), Timestamps.utc(token.getExpiresAt()),
						Timestamps.utc(this.clock.instant()), hash)
				.update();
		}
		catch (DuplicateKeyException ex) {
			// revoked twice at once: once is what counts
		}
	}

	/**
	 * Revokes every signed token the app was issued until now (suspension): part of the
	 * caller's transaction.
	 */
	void revokeAllOf(UUID app) {
		this.jdbc.sql("delete from oauth_token_floors where registered_client_id = ?").param(app).update();
		this.jdbc.sql("insert into oauth_token_floors (registered_client_id, not_before) values (?, ?)")
			.params(app, Timestamps.utc(this.clock.instant()))
			.update();
	}

	/**
	 * Forgets the revocations of tokens that expired before {@code before}.
	 * @return how many
	 */
	int purgeRevoked(Instant before) {
		return this.jdbc.sql("delete from oauth_revoked_tokens where expires_at < ?")
			.param(Timestamps.utc(before))
			.update();
	}

}
