package dev.mailgate.platform.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SelfSignedCertificateTests {

	@TempDir
	Path dataDirectory;

	private final Clock now = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

	@Test
	void createsACertificateForLocalhostAndLoopbackAddresses() throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.in(this.dataDirectory);

		assertThat(certificate.ensure(this.now)).isTrue();
		X509Certificate x509 = certificate.read();
		assertThat(x509.getSubjectX500Principal().getName()).contains("CN=localhost");
		assertThat(x509.getSubjectAlternativeNames()).extracting((name) -> String.valueOf(name.get(1)))
			.contains("localhost", "127.0.0.1");
		assertThat(x509.getNotAfter().toInstant()).isEqualTo(Instant.parse("2027-11-28T12:00:00Z"));
		assertThat(x509.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
	}

	@Test
	void keepsThePrivateKeyReadableByItsOwnerOnly() throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.in(this.dataDirectory);
		certificate.ensure(this.now);

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certificate.privateKey())))
			.isEqualTo("rw-------");
		assertThat(Files.readString(certificate.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
	}

	@Test
	void reusesTheCertificateOnLaterStarts() {
		SelfSignedCertificate certificate = SelfSignedCertificate.in(this.dataDirectory);
		certificate.ensure(this.now);
		String first = certificate.sha256Fingerprint();

		assertThat(SelfSignedCertificate.in(this.dataDirectory).ensure(later(Duration.ofDays(200)))).isFalse();
		assertThat(certificate.sha256Fingerprint()).isEqualTo(first);
	}

	@Test
	void createsANewCertificateWhenTheOldOneNearsItsExpiry() {
		SelfSignedCertificate certificate = SelfSignedCertificate.in(this.dataDirectory);
		certificate.ensure(this.now);
		String first = certificate.sha256Fingerprint();

		assertThat(certificate.ensure(later(Duration.ofDays(340)))).isTrue();
		assertThat(certificate.sha256Fingerprint()).isNotEqualTo(first);
	}

	@Test
	void replacesAnUnreadableCertificate() throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.in(this.dataDirectory);
		certificate.ensure(this.now);
		Files.writeString(certificate.certificate(), "not a certificate");

		assertThat(certificate.ensure(this.now)).isTrue();
		assertThat(certificate.read().getSubjectX500Principal().getName()).contains("CN=localhost");
	}

	private Clock later(Duration duration) {
		return Clock.offset(this.now, duration);
	}

}
