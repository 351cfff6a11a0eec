package dev.mailgate.apps.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.mailgate.platform.CredentialFormat;

/**
 * The SHA-256 of a client secret, as stored. Secrets carry enough randomness that a slow
 * hash buys nothing but latency (see DESIGN.md, "Credentials").
 */
record SecretHash(String hex) {

	static SecretHash of(String secret) {
		return new SecretHash(CredentialFormat.sha256(secret));
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
