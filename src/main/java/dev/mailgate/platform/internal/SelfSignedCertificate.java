package dev.mailgate.platform.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

import dev.mailgate.platform.CredentialFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate for localhost, 127.0.0.1 and ::1 that Mailgate serves HTTPS with until
 * the operator provides one. Created on first start in {@code <data dir>/tls}, reused on
 * every later start, and created anew only when it nears its expiry.
 *
 * @param certificate the PEM certificate file
 * @param privateKey the PEM (PKCS #8) private key file, readable by its owner only
 */
record SelfSignedCertificate(Path certificate, Path privateKey) {

	static final Duration VALIDITY = Duration.ofDays(365);

	static final Duration RENEW_BEFORE = Duration.ofDays(30);

	static SelfSignedCertificate in(Path dataDirectory) {
		Path tls = dataDirectory.resolve("tls");
		return new SelfSignedCertificate(tls.resolve("localhost.crt"), tls.resolve("localhost.key"));
	}

	/**
	 * Makes sure a usable certificate is on disk.
	 * @return {@code true} when a new one was written, {@code false} when the one on disk
	 * was kept
	 */
	boolean ensure(Clock clock) {
		if (usable(clock.instant())) {
			return false;
		}
		write(clock.instant());
		return true;
	}

	X509Certificate read() {
		try (var in = Files.newInputStream(this.certificate)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot read " + this.certificate + ": " + ex.getMessage(), ex);
		}
	}

	String sha256Fingerprint() {
		try {
			return HexFormat.ofDelimiter(":").withUpperCase().formatHex(CredentialFormat.sha256(read().getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private boolean usable(Instant now) {
		if (!Files.isRegularFile(this.certificate) || !Files.isRegularFile(this.privateKey)) {
			return false;
		}
		try {
			return read().getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private void write(Instant now) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair keys = generator.generateKeyPair();
			X509Certificate certificate = sign(keys, now);
			Files.createDirectories(this.certificate.getParent());
			writeAtomically(this.privateKey, pem(new JcaPKCS8Generator(keys.getPrivate(), null)), true);
			writeAtomically(this.certificate, pem(certificate), false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the TLS certificate to " + this.certificate.getParent(), ex);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Cannot create a TLS certificate: " + ex.getMessage(), ex);
		}
	}

	private static X509Certificate sign(KeyPair keys, Instant now)
			throws IOException, GeneralSecurityException, OperatorCreationException {
		X500Name name = new X500Name("CN=localhost, O=Mailgate (self-signed)");
		BigInteger serial = new BigInteger(127, new SecureRandom());
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
				Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), name, keys.getPublic());
		builder.addExtension(Extension.subjectAlternativeName, false,
				new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
						new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
						new GeneralName(GeneralName.iPAddress, "::1") }));
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
		builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
		var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
		return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
	}

	private static String pem(Object object) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(object);
		}
		return text.toString();
	}

	private static void writeAtomically(Path target, String content, boolean ownerOnly) throws IOException {
		Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
		Files.deleteIfExists(temporary);
		if (ownerOnly && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(temporary,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		Files.writeString(temporary, content, StandardCharsets.US_ASCII);
		Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
