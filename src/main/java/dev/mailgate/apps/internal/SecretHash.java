package dev.mailgate.apps.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a client secret, as stored. Secrets carry enough randomness that a slow
 * hash buys nothing but latency (see DESIGN.md, "Credentials").
 */
record SecretHash(String hex) {

	static SecretHash of(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return new SecretHash(HexFormat.of().formatHex(digest));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	/**
	 * Compares in constant time, so that timing tells nothing about how much matched.
	 */
	boolean matches(String secret) {
		return matches(of(secret));
	}

	boolean matches(SecretHash other) {
		return MessageDigest.isEqual(this.hex.getBytes(StandardCharsets.US_ASCII),
				other.hex.getBytes(StandardCharsets.US_ASCII));
	}

}
