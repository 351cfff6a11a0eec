package dev.mailgate.platform.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.mailgate.platform.SecretBox;

/**
 * {@link SecretBox} with a Tink keyset of AES-256-GCM keys: it encrypts with the primary
 * key and decrypts with whichever key of the keyset made a ciphertext, so a keyset with a
 * new primary key added still reads everything written before.
 */
final class TinkSecretBox implements SecretBox {

	static {
		try {
			AeadConfig.register();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Tink's AEAD primitives are not available", ex);
		}
	}

	private final Aead aead;

	private TinkSecretBox(KeysetHandle keyset) throws GeneralSecurityException {
		this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
	}

	/**
	 * A new keyset with one AES-256-GCM key, as Tink JSON.
	 */
	static String newKeyset() {
		try {
			return TinkJsonProtoKeysetFormat.serializeKeyset(
					KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not create an encryption key", ex);
		}
	}

	/**
	 * @param json a Tink JSON keyset in plain text
	 * @throws IllegalArgumentException when it is not one, or holds keys that are not
	 * AEAD keys
	 */
	static TinkSecretBox of(String json) {
		try {
			return new TinkSecretBox(TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			// never the parser's message: it may quote the key material
			throw new IllegalArgumentException("Not a Tink JSON keyset of AEAD keys");
		}
	}

	@Override
	public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
		try {
			return this.aead.encrypt(plaintext, associatedData);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt", ex);
		}
	}

	@Override
	public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
		try {
			return this.aead.decrypt(ciphertext, associatedData);
		}
		catch (GeneralSecurityException ex) {
			throw new NotDecryptable("The ciphertext does not open with this key and associated data");
		}
	}

	@Override
	public String encrypt(String plaintext, String associatedData) {
		return Base64.getEncoder()
			.encodeToString(encrypt(plaintext.getBytes(StandardCharsets.UTF_8), bytes(associatedData)));
	}

	@Override
	public String decrypt(String ciphertext, String associatedData) {
		byte[] sealed;
		try {
			sealed = Base64.getDecoder().decode(ciphertext);
		}
		catch (IllegalArgumentException ex) {
			throw new NotDecryptable("The ciphertext is not base64");
		}
		return new String(decrypt(sealed, bytes(associatedData)), StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
