package dev.mailgate.platform;

/**
 * Encrypts what Mailgate must be able to read back (a webhook's signing secret, a
 * provider's client secret, a connection's tokens), so that none of it is stored in plain
 * text: AES-256-GCM through Google Tink's AEAD, with a key kept outside the database.
 * <p>
 * The key is a Tink keyset: {@code MAILGATE_ENCRYPTION_KEYSET} (a Tink JSON keyset that
 * several nodes share) or, without it, the file {@code keys/encryption-keyset.json} in
 * the data directory, created on first start and readable by its owner only.
 * <p>
 * Associated data binds a ciphertext to what it belongs to (such as the id of the row
 * that stores it): the same associated data must be given to decrypt, so a ciphertext
 * copied to another row is refused.
 */
public interface SecretBox {

	/**
	 * @return the ciphertext (Tink's format: the key id, a random nonce, the sealed bytes
	 * and the tag)
	 */
	byte[] encrypt(byte[] plaintext, byte[] associatedData);

	/**
	 * @throws NotDecryptable when the ciphertext was not made by this key with this
	 * associated data, or was changed
	 */
	byte[] decrypt(byte[] ciphertext, byte[] associatedData);

	/**
	 * Encrypts UTF-8 text for a text column.
	 * @return the ciphertext in base64
	 */
	String encrypt(String plaintext, String associatedData);

	/**
	 * Decrypts what {@link #encrypt(String, String)} made.
	 * @throws NotDecryptable when it cannot
	 */
	String decrypt(String ciphertext, String associatedData);

	/**
	 * A ciphertext that this key cannot open with the associated data given: another key
	 * made it, it belongs to something else, or it was changed.
	 */
	final class NotDecryptable extends RuntimeException {

		public NotDecryptable(String message) {
			super(message);
		}

	}

}
