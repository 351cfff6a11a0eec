package dev.mailgate.oauth.internal;

import java.nio.ByteBuffer;
import java.util.UUID;

import dev.mailgate.platform.CredentialFormat;
import dev.mailgate.platform.SecureRandoms;
import org.jspecify.annotations.Nullable;

/**
 * The shape of the stored access tokens of a grant: {@code mga_}, then in base62 the
 * grant's id (16 bytes) and 32 random bytes, then the checksum (DESIGN.md,
 * "Credentials"). The grant keeps the SHA-256 of its current access token, as before.
 * <p>
 * So such a token is found by its grant's id and its hash compared, and its hash needs no
 * index: a refresh, which replaces the grant's access token, changes no index of the
 * grant's table. Access tokens of the earlier shape (256 random bits) and of grants whose
 * id is not known when the token is made are found by their hash, which stays indexed;
 * signed ones ({@link SignedAccessTokens}) are stored nowhere.
 */
final class GrantAccessTokens {

	private static final int GRANT = 16;

	private static final int OWN = 32;

	static final int BYTES = GRANT + OWN;

	private GrantAccessTokens() {
	}

	/**
	 * A new access token of the grant.
	 */
	static String issue(UUID grant) {
		byte[] own = new byte[OWN];
		SecureRandoms.current().nextBytes(own);
		ByteBuffer body = ByteBuffer.allocate(BYTES)
			.putLong(grant.getMostSignificantBits())
			.putLong(grant.getLeastSignificantBits())
			.put(own);
		return CredentialFormat.encode(CredentialFormat.ACCESS_TOKEN, body.array());
	}

	/**
	 * The grant an access token of this shape names.
	 * @return {@code null} for any other value (among them the earlier access tokens and
	 * the signed ones)
	 */
	static @Nullable UUID grantOf(String token) {
		byte[] body = CredentialFormat.decode(token, CredentialFormat.ACCESS_TOKEN, BYTES);
		if (body == null) {
			return null;
		}
		ByteBuffer buffer = ByteBuffer.wrap(body);
		return new UUID(buffer.getLong(), buffer.getLong());
	}

	/**
	 * Whether the value has this shape: the prefix, the length, base62 and the checksum.
	 */
	static boolean isWellFormed(String token) {
		return CredentialFormat.isWellFormed(token, CredentialFormat.ACCESS_TOKEN, BYTES);
	}

}
