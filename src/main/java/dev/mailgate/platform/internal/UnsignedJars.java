package dev.mailgate.platform.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Removes the signatures from the signed jars of the directory the launcher unpacks
 * Mailgate into ({@code target/run/lib}); {@code ./mailgate} runs it once per build.
 * <p>
 * Why: BouncyCastle's jars (Argon2 password hashing, certificate generation) are signed.
 * The JVM checks a signed jar's signature over every entry when it loads the jar's first
 * class, about 9 MB of SHA-256 while the JIT has not compiled it yet: 0.1 to 1 s of the
 * start-up, in the middle of it. And class data sharing never archives classes from a
 * signed jar, so they are loaded and verified again on every start. Nothing in Mailgate
 * relies on the signature: OpenJDK does not require a signed security provider, and the
 * jars came from Maven Central with their checksums checked. The classes and resources
 * are copied byte for byte; only the signature files ({@code META-INF/*.SF},
 * {@code .RSA}, {@code .DSA}, {@code .EC}) and the manifest's per-entry digests are left
 * out.
 */
public final class UnsignedJars {

	private UnsignedJars() {
	}

	/**
	 * Unsigns every signed jar in the directory given as the only argument.
	 */
	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			System.err.println("Usage: UnsignedJars DIRECTORY");
			System.exit(2);
		}
		for (Path jar : signedJarsIn(Path.of(args[0]))) {
			unsign(jar);
		}
	}

	static List<Path> signedJarsIn(Path directory) throws IOException {
		List<Path> signed = new ArrayList<>();
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "*.jar")) {
			for (Path jar : jars) {
				if (isSigned(jar)) {
					signed.add(jar);
				}
			}
		}
		return signed;
	}

	static boolean isSigned(Path jar) throws IOException {
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			return zip.stream().anyMatch((entry) -> isSignatureFile(entry.getName()));
		}
	}

	/**
	 * Rewrites the jar in place without its signature; the original stays until the
	 * unsigned copy is complete.
	 */
	static void unsign(Path jar) throws IOException {
		Path unsigned = jar.resolveSibling(jar.getFileName() + ".unsigned");
		try (ZipFile zip = new ZipFile(jar.toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(unsigned))) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				if (isSignatureFile(entry.getName())) {
					continue;
				}
				ZipEntry copy = new ZipEntry(entry.getName());
				copy.setTime(entry.getTime());
				out.putNextEntry(copy);
				try (InputStream in = zip.getInputStream(entry)) {
					if (JarFile.MANIFEST_NAME.equalsIgnoreCase(entry.getName())) {
						writeWithoutDigests(in, out);
					}
					else {
						in.transferTo(out);
					}
				}
				out.closeEntry();
			}
		}
		catch (IOException ex) {
			Files.deleteIfExists(unsigned);
			throw ex;
		}
		Files.move(unsigned, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static void writeWithoutDigests(InputStream in, OutputStream out) throws IOException {
		Manifest manifest = new Manifest(in);
		manifest.getEntries().values().forEach((attributes) -> attributes.keySet().removeIf(UnsignedJars::isDigest));
		manifest.getEntries().values().removeIf(Attributes::isEmpty);
		manifest.write(out);
	}

	private static boolean isDigest(Object attributeName) {
		return attributeName.toString().toUpperCase(Locale.ROOT).endsWith("-DIGEST");
	}

	static boolean isSignatureFile(String name) {
		String upper = name.toUpperCase(Locale.ROOT);
		if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
			return false;
		}
		return upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC");
	}

}
