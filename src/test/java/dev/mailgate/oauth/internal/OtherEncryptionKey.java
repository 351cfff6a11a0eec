package dev.mailgate.oauth.internal;

import dev.mailgate.platform.SecretBox;

/**
 * The encryption key of a node that was not given the cluster's
 * {@code MAILGATE_ENCRYPTION_KEYSET}: it opens only what it sealed itself.
 */
final class OtherEncryptionKey implements SecretBox {

	private static final String SEALED = "sealed by another key:";

	@Override
	public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
		throw new UnsupportedOperationException();
	}

	@Override
	public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
		throw new UnsupportedOperationException();
	}

	@Override
	public String encrypt(String plaintext, String associatedData) {
		return SEALED + associatedData + ":" + plaintext;
	}

	@Override
	public String decrypt(String ciphertext, String associatedData) {
		if (!ciphertext.startsWith(SEALED + associatedData + ":")) {
			throw new NotDecryptable("not sealed by this key");
		}
		return ciphertext.substring((SEALED + associatedData + ":").length());
	}

}
