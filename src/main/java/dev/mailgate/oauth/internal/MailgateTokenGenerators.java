package dev.mailgate.oauth.internal;

import java.net.URL;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.mailgate.platform.CredentialFormat;
import dev.mailgate.platform.SecureRandoms;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.converter.ClaimConversionService;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimNames;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimsContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimsSet;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Mailgate's opaque credentials: {@code mga_} access tokens and {@code mgc_}
 * authorization codes, each 256 random bits with a checksum, and {@code mgr_} refresh
 * tokens, which also name their grant and its family (DESIGN.md, "Credentials"). They
 * follow Spring AS's own generators in everything but the value.
 */
final class MailgateTokenGenerators {

	private MailgateTokenGenerators() {
	}

	/**
	 * Opaque access tokens, for apps that chose them (the default); they carry their
	 * claims for introspection. The client_credentials grant's are
	 * {@link SignedAccessTokens signed} ones when {@code signed} is given, so that
	 * issuing them writes nothing.
	 */
	static final class AccessTokens implements OAuth2TokenGenerator<OAuth2AccessToken> {

		private final Clock clock;

		private final OAuth2TokenCustomizer<OAuth2TokenClaimsContext> customizer;

		private final @Nullable SignedAccessTokens signed;

		private volatile @Nullable Issuer issuer;

		AccessTokens(Clock clock, OAuth2TokenCustomizer<OAuth2TokenClaimsContext> customizer,
				@Nullable SignedAccessTokens signed) {
			this.clock = clock;
			this.customizer = customizer;
			this.signed = signed;
		}

		@Override
		public @Nullable OAuth2AccessToken generate(OAuth2TokenContext context) {
			RegisteredClient client = context.getRegisteredClient();
			if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
					|| !OAuth2TokenFormat.REFERENCE.equals(client.getTokenSettings().getAccessTokenFormat())) {
				return null;
			}
			// in milliseconds, as a signed token carries them
			Instant issuedAt = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
			Instant expiresAt = issuedAt.plus(client.getTokenSettings().getAccessTokenTimeToLive());
			UUID id = SecureRandoms.uuid();
			OAuth2TokenClaimsSet.Builder claims = OAuth2TokenClaimsSet.builder()
				.subject(context.getPrincipal().getName())
				.audience(Collections.singletonList(client.getClientId()))
				.issuedAt(issuedAt)
				.expiresAt(expiresAt)
				.notBefore(issuedAt)
				.id(id.toString());
			if (context.getAuthorizationServerContext() != null) {
				claims.claim(OAuth2TokenClaimNames.ISS, issuer(context.getAuthorizationServerContext().getIssuer()));
			}
			if (!context.getAuthorizedScopes().isEmpty()) {
				claims.claim(OAuth2ParameterNames.SCOPE, context.getAuthorizedScopes());
			}
			OAuth2TokenClaimsContext.Builder claimsContext = OAuth2TokenClaimsContext.with(claims)
				.registeredClient(client)
				.principal(context.getPrincipal())
				.authorizedScopes(context.getAuthorizedScopes())
				.tokenType(context.getTokenType())
				.authorizationGrantType(context.getAuthorizationGrantType());
			if (context.getAuthorizationServerContext() != null) {
				claimsContext.authorizationServerContext(context.getAuthorizationServerContext());
			}
			if (context.getAuthorization() != null) {
				claimsContext.authorization(context.getAuthorization());
			}
			if (context.getAuthorizationGrant() != null) {
				claimsContext.authorizationGrant(context.getAuthorizationGrant());
			}
			this.customizer.customize(claimsContext.build());
			OAuth2TokenClaimsSet built = claims.build();
			return new OpaqueAccessToken(value(context, issuedAt, expiresAt, id), built.getIssuedAt(),
					built.getExpiresAt(), context.getAuthorizedScopes(), built.getClaims());
		}

		/**
		 * A signed token's value for a client_credentials grant, when signing is on and
		 * the scopes can be signed; otherwise one that names its grant
		 * ({@link GrantAccessTokens}) in a code exchange and a refresh, whose grant the
		 * token is stored in; otherwise 256 random bits.
		 */
		private String value(OAuth2TokenContext context, Instant issuedAt, Instant expiresAt, UUID id) {
			String value = null;
			if (this.signed != null
					&& AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
				value = this.signed
					.sign(new SignedAccessTokens.Grant(UUID.fromString(context.getRegisteredClient().getId()), issuedAt,
							expiresAt, context.getAuthorizedScopes(), id));
			}
			if (value != null) {
				return value;
			}
			AuthorizationGrantType type = context.getAuthorizationGrantType();
			UUID grant = (context.getAuthorization() != null && (AuthorizationGrantType.AUTHORIZATION_CODE.equals(type)
					|| AuthorizationGrantType.REFRESH_TOKEN.equals(type))) ? uuid(context.getAuthorization().getId())
							: null;
			return (grant != null) ? GrantAccessTokens.issue(grant)
					: CredentialFormat.generate(CredentialFormat.ACCESS_TOKEN);
		}

		/**
		 * The issuer claim as {@code OAuth2TokenClaimsSet.Builder#build} turns it into (a
		 * {@code URL} when it is one), worked out once per issuer instead of once per
		 * token: given a {@code URL}, the builder keeps it as it is. Parsing it for every
		 * token was about 1.5 % of a client_credentials grant's CPU (docs/benchmarks.md).
		 */
		private Object issuer(String text) {
			Issuer known = this.issuer;
			if (known == null || !known.text().equals(text)) {
				URL url = ClaimConversionService.getSharedInstance().convert(text, URL.class);
				known = new Issuer(text, (url != null) ? url : text);
				this.issuer = known;
			}
			return known.claim();
		}

		private record Issuer(String text, Object claim) {
		}

	}

	/**
	 * Refresh tokens, for clients allowed the refresh_token grant: confidential and
	 * public alike, since every use rotates them (RFC 9700 §4.14.2). Each names its grant
	 * and its family ({@link RefreshTokenFamily}): a rotation keeps the family of the
	 * token it replaces, a grant's first refresh token starts one.
	 */
	static final class RefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

		private final Clock clock;

		RefreshTokens(Clock clock) {
			this.clock = clock;
		}

		@Override
		public @Nullable OAuth2RefreshToken generate(OAuth2TokenContext context) {
			if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
				return null;
			}
			Instant issuedAt = this.clock.instant();
			return new OAuth2RefreshToken(value(context.getAuthorization()), issuedAt,
					issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive()));
		}

		private static String value(@Nullable OAuth2Authorization grant) {
			UUID id = (grant != null) ? uuid(grant.getId()) : null;
			if (id == null) {
				return CredentialFormat.generate(CredentialFormat.REFRESH_TOKEN);
			}
			OAuth2Authorization.Token<OAuth2RefreshToken> current = grant.getRefreshToken();
			RefreshTokenFamily.Named named = (current != null)
					? RefreshTokenFamily.read(current.getToken().getTokenValue()) : null;
			return RefreshTokenFamily.issue(id, (named != null && named.grant().equals(id)) ? named.family() : null);
		}

	}

	/**
	 * Authorization codes, single-use and short-lived (the client's code time to live).
	 */
	static final class AuthorizationCodes implements OAuth2TokenGenerator<OAuth2AuthorizationCode> {

		private final Clock clock;

		AuthorizationCodes(Clock clock) {
			this.clock = clock;
		}

		@Override
		public @Nullable OAuth2AuthorizationCode generate(OAuth2TokenContext context) {
			if (context.getTokenType() == null
					|| !OAuth2ParameterNames.CODE.equals(context.getTokenType().getValue())) {
				return null;
			}
			Instant issuedAt = this.clock.instant();
			return new OAuth2AuthorizationCode(CredentialFormat.generate(CredentialFormat.AUTHORIZATION_CODE), issuedAt,
					issuedAt.plus(context.getRegisteredClient().getTokenSettings().getAuthorizationCodeTimeToLive()));
		}

	}

	private static final class OpaqueAccessToken extends OAuth2AccessToken implements ClaimAccessor {

		private final Map<String, Object> claims;

		OpaqueAccessToken(String value, @Nullable Instant issuedAt, @Nullable Instant expiresAt, Set<String> scopes,
				Map<String, Object> claims) {
			super(TokenType.BEARER, value, issuedAt, expiresAt, scopes);
			this.claims = claims;
		}

		@Override
		public Map<String, Object> getClaims() {
			return this.claims;
		}

	}

	/**
	 * The grant's id as a UUID, which Spring AS makes it; {@code null} for any other id.
	 */
	private static @Nullable UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
