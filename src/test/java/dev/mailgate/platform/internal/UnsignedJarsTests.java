package dev.mailgate.platform.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's unsigning of BouncyCastle's jars, on the real, signed jar Mailgate
 * ships.
 */
class UnsignedJarsTests {

	@TempDir
	Path lib;

	@Test
	void aSignedJarLosesItsSignatureAndKeepsEveryClassByteForByte() throws Exception {
		Path jar = copyOfBouncyCastle();
		Map<String, String> before = contentsWithoutSignatures(jar);
		assertThat(codeSignersOf(jar, "org/bouncycastle/crypto/generators/Argon2BytesGenerator.class")).isTrue();

		UnsignedJars.main(new String[] { this.lib.toString() });

		assertThat(UnsignedJars.isSigned(jar)).isFalse();
		assertThat(codeSignersOf(jar, "org/bouncycastle/crypto/generators/Argon2BytesGenerator.class")).isFalse();
		assertThat(contentsWithoutSignatures(jar)).isEqualTo(before);
		try (JarFile unsigned = new JarFile(jar.toFile())) {
			assertThat(unsigned.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"))
				.as("the manifest's main section is kept")
				.isNotBlank();
			assertThat(unsigned.getManifest().getEntries()).as("per-entry digests are gone").isEmpty();
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			Class<?> generator = loader.loadClass(Argon2BytesGenerator.class.getName());
			assertThat(generator.getProtectionDomain().getCodeSource().getCodeSigners()).isNull();
		}
	}

	@Test
	void unsignedJarsAreLeftAsTheyAre() throws Exception {
		Path jar = copyOfBouncyCastle();
		UnsignedJars.unsign(jar);
		long modified = Files.getLastModifiedTime(jar).toMillis();

		assertThat(UnsignedJars.signedJarsIn(this.lib)).isEmpty();
		UnsignedJars.main(new String[] { this.lib.toString() });

		assertThat(Files.getLastModifiedTime(jar).toMillis()).isEqualTo(modified);
	}

	@Test
	void onlyTopLevelSignatureFilesCount() {
		assertThat(UnsignedJars.isSignatureFile("META-INF/BC1024KE.SF")).isTrue();
		assertThat(UnsignedJars.isSignatureFile("META-INF/bc2048ke.dsa")).isTrue();
		assertThat(UnsignedJars.isSignatureFile("META-INF/SIGNER.RSA")).isTrue();
		assertThat(UnsignedJars.isSignatureFile("META-INF/SIGNER.EC")).isTrue();
		assertThat(UnsignedJars.isSignatureFile("META-INF/MANIFEST.MF")).isFalse();
		assertThat(UnsignedJars.isSignatureFile("META-INF/versions/9/module-info.class")).isFalse();
		assertThat(UnsignedJars.isSignatureFile("META-INF/services/x.SF")).isFalse();
		assertThat(UnsignedJars.isSignatureFile("org/example/A.SF")).isFalse();
	}

	private Path copyOfBouncyCastle() throws Exception {
		Path shipped = Path.of(Argon2BytesGenerator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Path copy = this.lib.resolve(shipped.getFileName());
		Files.copy(shipped, copy);
		return copy;
	}

	/**
	 * Reads the entry through a verifying {@link JarFile}: signers are known once it is
	 * read.
	 */
	private static boolean codeSignersOf(Path jar, String name) throws IOException {
		try (JarFile file = new JarFile(jar.toFile(), true)) {
			JarEntry entry = file.getJarEntry(name);
			try (InputStream in = file.getInputStream(entry)) {
				in.transferTo(OutputStream.nullOutputStream());
			}
			return entry.getCodeSigners() != null;
		}
	}

	private static Map<String, String> contentsWithoutSignatures(Path jar) throws Exception {
		Map<String, String> contents = new TreeMap<>();
		try (JarFile file = new JarFile(jar.toFile(), false)) {
			for (JarEntry entry : Collections.list(file.entries())) {
				if (entry.isDirectory() || UnsignedJars.isSignatureFile(entry.getName())
						|| JarFile.MANIFEST_NAME.equals(entry.getName())) {
					continue;
				}
				try (InputStream in = file.getInputStream(entry)) {
					contents.put(entry.getName(),
							HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())));
				}
			}
		}
		assertThat(contents).hasSizeGreaterThan(1000);
		return contents;
	}

}
