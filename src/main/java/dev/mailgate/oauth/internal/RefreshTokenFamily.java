package dev.mailgate.oauth.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import dev.mailgate.platform.CredentialFormat;
import dev.mailgate.platform.SecureRandoms;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * The shape of Mailgate's refresh tokens: {@code mgr_}, then in base62 the grant's id (16
 * bytes), the family's secret (16 random bytes, the same in every refresh token of the
 * grant) and 32 random bytes of the token's own, then the checksum (DESIGN.md,
 * "Credentials"). The grant keeps the SHA-256 of its current refresh token, as before,
 * and the SHA-256 of its family's secret among its attributes.
 * <p>
 * So a refresh token that is not its grant's current one proves by itself that it was
 * rotated out (RFC 9700 §4.14.2): it names its grant and carries the family's secret,
 * which only the grant's refresh tokens ever held. A rotation needs no record of the
 * token it spent, only the grant's row rewritten, and a token made up with a grant's id
 * but without its family's secret revokes nothing. Refresh tokens of the earlier shape
 * (256 random bits) carry neither; their rotation still records the spent token.
 */
final class RefreshTokenFamily {

	/**
	 * The attribute of the grant that holds the hex SHA-256 of its family's secret.
	 */
	static final String ATTRIBUTE = "dev.mailgate.oauth.refreshFamily";

	private static final int GRANT = 16;

	private static final int FAMILY = 16;

	private static final int OWN = 32;

	static final int BYTES = GRANT + FAMILY + OWN;

	private RefreshTokenFamily() {
	}

	/**
	 * A new refresh token of the grant: of its family when {@code family} is given (a
	 * rotation), of a new family otherwise.
	 */
	static String issue(UUID grant, byte @Nullable [] family) {
		byte[] secret = family;
		if (secret == null) {
			secret = new byte[FAMILY];
			SecureRandoms.current().nextBytes(secret);
		}
		byte[] own = new byte[OWN];
		SecureRandoms.current().nextBytes(own);
		ByteBuffer body = ByteBuffer.allocate(BYTES)
			.putLong(grant.getMostSignificantBits())
			.putLong(grant.getLeastSignificantBits())
			.put(secret)
			.put(own);
		return CredentialFormat.encode(CredentialFormat.REFRESH_TOKEN, body.array());
	}

	/**
	 * The grant and family a refresh token of this shape names.
	 * @return {@code null} for any other value (among them the earlier refresh tokens)
	 */
	static @Nullable Named read(String token) {
		byte[] body = CredentialFormat.decode(token, CredentialFormat.REFRESH_TOKEN, BYTES);
		if (body == null) {
			return null;
		}
		ByteBuffer buffer = ByteBuffer.wrap(body);
		UUID grant = new UUID(buffer.getLong(), buffer.getLong());
		return new Named(grant, Arrays.copyOfRange(body, GRANT, GRANT + FAMILY));
	}

	/**
	 * Whether the value has this shape: the prefix, the length, base62 and the checksum.
	 */
	static boolean isWellFormed(String token) {
		return CredentialFormat.isWellFormed(token, CredentialFormat.REFRESH_TOKEN, BYTES);
	}

	/**
	 * The authorization with the digest of its refresh token's family among its
	 * attributes, when the refresh token is a new one of this shape whose family the
	 * attributes do not hold yet (the grant's first refresh token, or the first after one
	 * of the earlier shape); the authorization itself otherwise.
	 */
	static OAuth2Authorization recorded(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<?> refresh = authorization.getRefreshToken();
		if (refresh == null || refresh.getToken().getTokenValue().startsWith(HashedAuthorizationService.HASHED)) {
			return authorization;
		}
		Named named = read(refresh.getToken().getTokenValue());
		if (named == null || named.belongsTo(authorization.getAttribute(ATTRIBUTE))) {
			return authorization;
		}
		return OAuth2Authorization.from(authorization).attribute(ATTRIBUTE, digest(named.family())).build();
	}

	private static String digest(byte[] family) {
		return HexFormat.of().formatHex(CredentialFormat.sha256(family));
	}

	/**
	 * A grant and family named by a refresh token.
	 */
	record Named(UUID grant, byte[] family) {

		/**
		 * Whether this is the family whose digest a grant holds ({@link #ATTRIBUTE}),
		 * compared in constant time.
		 */
		boolean belongsTo(@Nullable Object recordedDigest) {
			return recordedDigest instanceof String recorded
					&& MessageDigest.isEqual(recorded.getBytes(StandardCharsets.US_ASCII),
							digest(this.family).getBytes(StandardCharsets.US_ASCII));
		}

	}

}
