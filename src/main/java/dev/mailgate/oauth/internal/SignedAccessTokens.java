package dev.mailgate.oauth.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.mailgate.platform.CredentialFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Access tokens that carry their own grant, so that issuing one writes nothing: the
 * client_credentials grant's, where the token endpoint would otherwise commit a row per
 * token (docs/benchmarks.md). The value is {@code mga_}, then in base62 the format
 * version, the key id, the app, the issue and expiry times (milliseconds), the scopes
 * (one bit each), a random token id, and an HMAC-SHA256 of all of them, then the checksum
 * every Mailgate credential has. It is opaque to apps all the same: they never read it,
 * and Mailgate may change it.
 * <p>
 * Revoking one is a row (by hash) in {@code oauth_revoked_tokens} until it expires, and
 * suspending an app revokes every token it was issued until then
 * ({@code oauth_token_floors}); {@link SignedGrants} reads both.
 */
@Component
class SignedAccessTokens {

	private static final byte VERSION = 1;

	private static final int SIGNED = 1 + 2 + 16 + 8 + 8 + 4 + 16;

	private static final int MAC = 32;

	static final int BODY = SIGNED + MAC;

	static final int LENGTH = CredentialFormat.lengthFor(CredentialFormat.ACCESS_TOKEN, BODY);

	/**
	 * Every scope a token can carry, by its bit. Append only: a token signed yesterday
	 * must read the same today. A scope missing here gets a stored token instead.
	 */
	static final List<String> SCOPE_BITS = List.of("contacts.read", "contacts.write", "campaigns.read",
			"campaigns.write", "campaigns.send", "reports.read", "webhooks.manage", "apps.manage", "grants.manage",
			"audit.read", "integrations.manage", "client.create", "openid", "profile", "email");

	private final KeyRing keys;

	SignedAccessTokens(KeyRing keys) {
		this.keys = keys;
	}

	/**
	 * Whether the value has a signed token's prefix and length (not yet whether it is
	 * one).
	 */
	static boolean isSigned(String value) {
		return value.length() == LENGTH && value.startsWith(CredentialFormat.ACCESS_TOKEN);
	}

	/**
	 * Whether the value has the shape of a Mailgate access token of any kind: random, of
	 * a grant ({@link GrantAccessTokens}) or signed (prefix, length, alphabet and
	 * checksum): a cheap check that needs no database and no key.
	 */
	static boolean isWellFormedAccessToken(String value) {
		return CredentialFormat.isWellFormed(value, CredentialFormat.ACCESS_TOKEN)
				|| GrantAccessTokens.isWellFormed(value)
				|| CredentialFormat.isWellFormed(value, CredentialFormat.ACCESS_TOKEN, BODY);
	}

	/**
	 * @return the token, or {@code null} when a scope of the grant has no bit
	 */
	@Nullable String sign(Grant grant) {
		int bits = 0;
		for (String scope : grant.scopes()) {
			int bit = SCOPE_BITS.indexOf(scope);
			if (bit < 0) {
				return null;
			}
			bits |= 1 << bit;
		}
		TokenMacKeys.Key key = this.keys.current();
		ByteBuffer body = ByteBuffer.allocate(BODY)
			.put(VERSION)
			.putShort((short) key.id())
			.putLong(grant.app().getMostSignificantBits())
			.putLong(grant.app().getLeastSignificantBits())
			.putLong(grant.issuedAt().toEpochMilli())
			.putLong(grant.expiresAt().toEpochMilli())
			.putInt(bits)
			.putLong(grant.id().getMostSignificantBits())
			.putLong(grant.id().getLeastSignificantBits());
		body.put(key.mac(body.array(), SIGNED));
		return CredentialFormat.encode(CredentialFormat.ACCESS_TOKEN, body.array());
	}

	/**
	 * @return the grant the token carries, or {@code null} when it is not a signed token
	 * or its HMAC does not match (changed, made up, or signed by a key Mailgate does not
	 * have); whether it expired or was revoked is the caller's question
	 */
	@Nullable Grant read(String value) {
		byte[] bytes = isSigned(value) ? CredentialFormat.decode(value, CredentialFormat.ACCESS_TOKEN, BODY) : null;
		if (bytes == null || bytes[0] != VERSION) {
			return null;
		}
		ByteBuffer body = ByteBuffer.wrap(bytes);
		body.get();
		TokenMacKeys.Key key = this.keys.byId(Short.toUnsignedInt(body.getShort()));
		if (key == null || !MessageDigest.isEqual(key.mac(bytes, SIGNED), Arrays.copyOfRange(bytes, SIGNED, BODY))) {
			return null;
		}
		UUID app = new UUID(body.getLong(), body.getLong());
		Instant issuedAt = Instant.ofEpochMilli(body.getLong());
		Instant expiresAt = Instant.ofEpochMilli(body.getLong());
		int bits = body.getInt();
		UUID id = new UUID(body.getLong(), body.getLong());
		Set<String> scopes = new LinkedHashSet<>();
		for (int bit = 0; bit < SCOPE_BITS.size(); bit++) {
			if ((bits & (1 << bit)) != 0) {
				scopes.add(SCOPE_BITS.get(bit));
			}
		}
		return new Grant(app, issuedAt, expiresAt, scopes, id);
	}

	/**
	 * What a signed token says: the app (its registered client id), when it was issued
	 * and expires, its scopes and its id ({@code jti}).
	 */
	record Grant(UUID app, Instant issuedAt, Instant expiresAt, Set<String> scopes, UUID id) {
	}

	/**
	 * Where the keys come from ({@link TokenMacKeys}).
	 */
	interface KeyRing {

		/**
		 * The key that signs new tokens.
		 */
		TokenMacKeys.Key current();

		/**
		 * The key with this id, if there is one.
		 */
		TokenMacKeys.@Nullable Key byId(int id);

	}

}
