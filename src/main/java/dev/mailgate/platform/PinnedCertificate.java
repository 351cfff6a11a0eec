package dev.mailgate.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS that trusts one certificate and nothing else: how a client on this machine talks to
 * a Mailgate serving the self-signed certificate it made in its data directory (the
 * command line, the class data sharing training).
 */
public final class PinnedCertificate {

	private PinnedCertificate() {
	}

	/**
	 * @param certificate a PEM or DER X.509 certificate file
	 * @return a TLS context whose only trusted certificate is that one
	 * @throws IOException when the file cannot be read
	 * @throws GeneralSecurityException when it holds no usable certificate
	 */
	public static SSLContext trusting(Path certificate) throws IOException, GeneralSecurityException {
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		try (InputStream in = Files.newInputStream(certificate)) {
			trusted.setCertificateEntry("mailgate", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(null, trust.getTrustManagers(), null);
		return tls;
	}

}
