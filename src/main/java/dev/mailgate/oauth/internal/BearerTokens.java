package dev.mailgate.oauth.internal;

import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import dev.mailgate.apps.AppId;
import dev.mailgate.apps.Apps;
import dev.mailgate.platform.CredentialFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Checks the bearer tokens the API is called with, both kinds through one door. An opaque
 * {@code mga_} token is checked for its checksum, then looked up by its SHA-256 (cached
 * on this node, evicted on revocation); a {@link SignedAccessTokens signed} one is
 * checked for its HMAC and revocations instead of read from a row. A JWT is verified with
 * Mailgate's own keys and then looked up the same way, so that revoking it takes effect
 * on the next request too. Either way the result is a {@link Jwt} of the token's claims,
 * so that the rest of Spring Security needs no second path.
 */
@Component
class BearerTokens implements JwtDecoder {

	private final HashedAuthorizationService authorizations;

	private final Apps apps;

	private final NimbusJwtDecoder jwts;

	private final Cache<String, Jwt> verified;

	private final GrantUsage usage;

	BearerTokens(HashedAuthorizationService authorizations, Apps apps, SigningKeys keys, IssuerProperties issuer,
			OAuthProperties properties, GrantUsage usage) {
		this.usage = usage;
		this.verified = Caffeine.newBuilder().expireAfterWrite(properties.tokenCacheTtl()).maximumSize(100_000).build();
		this.authorizations = authorizations;
		this.apps = apps;
		this.jwts = NimbusJwtDecoder.withJwkSource(keys)
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.jwtProcessorCustomizer((processor) -> processor
				.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"))))
			.build();
		// RFC 9068 §4: the issuer, the times, and typ at+jwt (not Spring's default JWT)
		this.jwts.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
				new JwtIssuerValidator(issuer.trimmed()), new JwtTypeValidator("at+jwt")));
	}

	@Override
	public Jwt decode(String token) {
		if (token.startsWith(CredentialFormat.ACCESS_TOKEN)) {
			if (!SignedAccessTokens.isWellFormedAccessToken(token)) {
				throw new BadJwtException("The access token is malformed");
			}
			OAuth2Authorization.Token<OAuth2AccessToken> access = liveAccessToken(token);
			@SuppressWarnings("unchecked")
			Map<String, Object> claims = (Map<String, Object>) access.getMetadata()
				.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
			if (claims == null) {
				throw new BadJwtException("The access token has no claims");
			}
			return Jwt.withTokenValue(token).header("typ", "mga").claims((values) -> values.putAll(claims)).build();
		}
		// Verifying an ES256 signature costs about a millisecond on Java 17: verify a JWT
		// once per
		// node, then recognise it by its hash; whether it is still live is checked every
		// time.
		Jwt jwt = this.verified.get(CredentialFormat.sha256(token), (hash) -> this.jwts.decode(token));
		liveAccessToken(token);
		return jwt;
	}

	private static @Nullable String remoteAddress() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)
				? request.getRequest().getRemoteAddr() : null;
	}

	private OAuth2Authorization.Token<OAuth2AccessToken> liveAccessToken(String token) {
		OAuth2Authorization authorization = this.authorizations.findAccessTokenGrant(token);
		OAuth2Authorization.Token<OAuth2AccessToken> access = (authorization != null) ? authorization.getAccessToken()
				: null;
		if (authorization == null || access == null || !access.isActive()) {
			throw new BadJwtException("The access token is unknown, expired or revoked");
		}
		boolean suspended = this.apps.byId(AppId.parse(authorization.getRegisteredClientId()))
			.map((app) -> app.suspended())
			.orElse(true);
		if (suspended) {
			throw new BadJwtException("The app this token was issued to is suspended or deleted");
		}
		if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
			this.usage.used(authorization.getRegisteredClientId(), authorization.getPrincipalName(), remoteAddress());
		}
		return access;
	}

}
