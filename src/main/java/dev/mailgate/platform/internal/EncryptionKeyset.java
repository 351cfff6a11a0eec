package dev.mailgate.platform.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Where {@link TinkSecretBox}'s key comes from: the environment when it names one (the
 * nodes of a cluster share it), otherwise {@code <data dir>/keys/encryption-keyset.json},
 * created on first start with permissions for its owner only.
 */
final class EncryptionKeyset {

	private static final Log log = LogFactory.getLog(EncryptionKeyset.class);

	private EncryptionKeyset() {
	}

	static Path file(Path dataDirectory) {
		return dataDirectory.resolve("keys").resolve("encryption-keyset.json");
	}

	/**
	 * @param fromEnvironment {@code mailgate.encryption.keyset}
	 * ({@code MAILGATE_ENCRYPTION_KEYSET}), if set
	 */
	static TinkSecretBox load(@Nullable String fromEnvironment, Path dataDirectory) {
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			try {
				return TinkSecretBox.of(fromEnvironment);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("MAILGATE_ENCRYPTION_KEYSET (mailgate.encryption.keyset) is set "
						+ "but is not a Tink JSON keyset of AES-GCM keys");
			}
		}
		Path file = file(dataDirectory);
		try {
			if (!Files.exists(file)) {
				create(file);
			}
			return TinkSecretBox.of(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the encryption keyset " + file, ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The encryption keyset " + file + " is not a Tink JSON keyset");
		}
	}

	private static void create(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		Path temporary = posix
				? Files.createTempFile(file.getParent(), "keyset", ".tmp",
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
				: Files.createTempFile(file.getParent(), "keyset", ".tmp");
		Files.writeString(temporary, TinkSecretBox.newKeyset(), StandardCharsets.UTF_8);
		try {
			// a link fails when the file exists (a rename would replace it): of two nodes
			// starting at once on one data directory, the first key written wins
			Files.createLink(file, temporary);
			log.info("Created the encryption keyset " + file
					+ ": back it up, secrets encrypted with it cannot be read without it");
		}
		catch (FileAlreadyExistsException ex) {
			// the other node's key stays
		}
		catch (UnsupportedOperationException ex) {
			// a file system without hard links: the move is not atomic against another
			// node, which is the best such a file system allows
			Files.move(temporary, file);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

}
