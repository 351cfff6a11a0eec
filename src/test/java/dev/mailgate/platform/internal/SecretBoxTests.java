package dev.mailgate.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import dev.mailgate.platform.SecretBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Encryption at rest: AES-256-GCM through Tink, a key file in the data directory or a
 * keyset from the environment.
 */
class SecretBoxTests {

	@TempDir
	Path data;

	@Test
	void decryptsWhatItEncryptedWithTheSameAssociatedData() {
		SecretBox box = EncryptionKeyset.load(null, this.data);

		String sealed = box.encrypt("whsec_top-secret", "subscription-1");
		byte[] sealedBytes = box.encrypt(new byte[] { 1, 2, 3 }, "row".getBytes(StandardCharsets.UTF_8));

		assertThat(sealed).doesNotContain("top-secret");
		assertThat(box.decrypt(sealed, "subscription-1")).isEqualTo("whsec_top-secret");
		assertThat(box.decrypt(sealedBytes, "row".getBytes(StandardCharsets.UTF_8))).containsExactly(1, 2, 3);
		assertThat(box.encrypt("whsec_top-secret", "subscription-1")).as("a random nonce each time")
			.isNotEqualTo(sealed);
	}

	@Test
	void refusesOtherAssociatedDataAChangedCiphertextOrAnotherKey(@TempDir Path other) {
		SecretBox box = EncryptionKeyset.load(null, this.data);
		String sealed = box.encrypt("whsec_top-secret", "subscription-1");
		byte[] changed = java.util.Base64.getDecoder().decode(sealed);
		changed[changed.length - 1] ^= 1;

		assertThatExceptionOfType(SecretBox.NotDecryptable.class)
			.isThrownBy(() -> box.decrypt(sealed, "subscription-2"));
		assertThatExceptionOfType(SecretBox.NotDecryptable.class)
			.isThrownBy(() -> box.decrypt(java.util.Base64.getEncoder().encodeToString(changed), "subscription-1"));
		assertThatExceptionOfType(SecretBox.NotDecryptable.class)
			.isThrownBy(() -> EncryptionKeyset.load(null, other).decrypt(sealed, "subscription-1"));
		assertThatExceptionOfType(SecretBox.NotDecryptable.class).isThrownBy(() -> box.decrypt("not base64!", "x"));
	}

	@Test
	void createsTheKeyFileOnFirstStartReadableByItsOwnerOnlyAndKeepsIt() throws IOException {
		SecretBox first = EncryptionKeyset.load(null, this.data);
		Path file = EncryptionKeyset.file(this.data);
		String key = Files.readString(file);

		assertThat(file).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(key).contains("AesGcmKey");
		SecretBox restarted = EncryptionKeyset.load(null, this.data);
		assertThat(Files.readString(file)).isEqualTo(key);
		assertThat(restarted.decrypt(first.encrypt("kept", "ad"), "ad")).isEqualTo("kept");
	}

	@Test
	void nodesSharingTheKeysetFromTheEnvironmentReadEachOthersSecrets(@TempDir Path otherNode) {
		String keyset = TinkSecretBox.newKeyset();
		SecretBox one = EncryptionKeyset.load(keyset, this.data);
		SecretBox two = EncryptionKeyset.load(keyset, otherNode);

		assertThat(two.decrypt(one.encrypt("shared", "ad"), "ad")).isEqualTo("shared");
		assertThat(one.decrypt(two.encrypt("shared", "ad"), "ad")).isEqualTo("shared");
		assertThat(EncryptionKeyset.file(this.data)).as("no key file when the environment has one").doesNotExist();
	}

	@Test
	void refusesAKeysetThatIsNotOneWithoutQuotingIt() {
		assertThatIllegalStateException()
			.isThrownBy(() -> EncryptionKeyset.load("{\"key\": \"AAAA-secret\"}", this.data))
			.withMessageContaining("MAILGATE_ENCRYPTION_KEYSET")
			.withMessageNotContaining("AAAA-secret");
	}

}
