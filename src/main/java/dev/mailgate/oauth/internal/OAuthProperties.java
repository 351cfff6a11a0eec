package dev.mailgate.oauth.internal;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code mailgate.oauth.*} settings.
 *
 * @param codeTtl how long an authorization code lives (RFC 9700 §2.1.1 asks for short)
 * @param refreshTokenIdleTtl how long a refresh token stays usable unused; each use
 * rotates it
 * @param refreshTokenAbsoluteTtl how long a grant lives however often it is refreshed
 * @param retiredKeyRetention how long a retired signing key stays in the JWKS
 * @param keyRotation how old the JWT signing key and the token signing key may grow
 * before {@link KeyRotation} replaces them; zero or less turns the schedule off
 * @param tokenCacheTtl how long the API caches a token look-up on one node
 * @param leakReporters the secret scanners allowed to report leaked credentials: key id
 * to public key (X.509 SubjectPublicKeyInfo, PEM or base64 DER, EC P-256 or RSA)
 * @param compactTokenMetadata whether tokens' claims, and who granted an authorization
 * and its authorization request, are stored in Mailgate's compact form
 * (docs/deployment.md: off while a cluster still runs nodes that do not read all of it)
 * @param expiredGrantRetention how long a grant stays in the database after its last code
 * or token expired (or, never completed, after it was started); then
 * {@link GrantRetention} deletes it
 * @param signedClientCredentials whether the client_credentials grant issues
 * {@link SignedAccessTokens signed} access tokens, which need no row, instead of stored
 * ones
 */
@ConfigurationProperties("mailgate.oauth")
record OAuthProperties(@DefaultValue("60s") Duration codeTtl, @DefaultValue("30d") Duration refreshTokenIdleTtl,
		@DefaultValue("365d") Duration refreshTokenAbsoluteTtl, @DefaultValue("1h") Duration retiredKeyRetention,
		@DefaultValue("60s") Duration tokenCacheTtl, @DefaultValue Map<String, String> leakReporters,
		@DefaultValue("true") boolean compactTokenMetadata, @DefaultValue("1d") Duration expiredGrantRetention,
		@DefaultValue("true") boolean signedClientCredentials, @DefaultValue("90d") Duration keyRotation) {
}
