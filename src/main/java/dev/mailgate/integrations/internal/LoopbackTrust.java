package dev.mailgate.integrations.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;

/**
 * With {@code mailgate.integrations.allow-loopback} (tests, another Mailgate on the same
 * machine), providers may also present the self-signed certificate this Mailgate created
 * in its data directory; every other certificate is checked against the JDK's trusted
 * authorities as always.
 */
final class LoopbackTrust {

	private LoopbackTrust() {
	}

	static Optional<SSLContext> of(Path dataDirectory) {
		Path certificate = dataDirectory.resolve("tls").resolve("localhost.crt");
		if (!Files.exists(certificate)) {
			return Optional.empty();
		}
		try (InputStream in = Files.newInputStream(certificate)) {
			KeyStore local = KeyStore.getInstance(KeyStore.getDefaultType());
			local.load(null, null);
			local.setCertificateEntry("mailgate", CertificateFactory.getInstance("X.509").generateCertificate(in));
			SSLContext tls = SSLContext.getInstance("TLS");
			tls.init(null, new TrustManager[] { new Either(trustManager(null), trustManager(local)) }, null);
			return Optional.of(tls);
		}
		catch (IOException | GeneralSecurityException ex) {
			return Optional.empty();
		}
	}

	private static X509TrustManager trustManager(@Nullable KeyStore store) throws GeneralSecurityException {
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(store);
		for (TrustManager manager : factory.getTrustManagers()) {
			if (manager instanceof X509TrustManager x509) {
				return x509;
			}
		}
		throw new GeneralSecurityException("No X.509 trust manager");
	}

	/**
	 * Trusts what either trusts.
	 */
	private record Either(X509TrustManager usual, X509TrustManager local) implements X509TrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.usual.checkClientTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			try {
				this.usual.checkServerTrusted(chain, authType);
			}
			catch (CertificateException ex) {
				this.local.checkServerTrusted(chain, authType);
			}
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return this.usual.getAcceptedIssuers();
		}

	}

}
