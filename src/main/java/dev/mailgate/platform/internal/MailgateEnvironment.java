package dev.mailgate.platform.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Mailgate's own settings into Spring Boot's before anything starts: the data
 * directory (absolute, so that the embedded database URL can use it), HTTPS with a
 * self-signed, a provided certificate or none behind a proxy, and JSON logs.
 */
class MailgateEnvironment implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE = "mailgate-derived";

	private final Log log;

	MailgateEnvironment(DeferredLogFactory logs) {
		this.log = logs.getLog(MailgateEnvironment.class);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		Path dataDirectory = binder.bind("mailgate.data.dir", String.class)
			.map(Path::of)
			.orElse(Path.of("data"))
			.toAbsolutePath()
			.normalize();
		Map<String, Object> derived = new LinkedHashMap<>();
		derived.put("mailgate.data.dir", dataDirectory.toString());
		derived.putAll(tlsProperties(TlsSettings.of(binder), dataDirectory));
		String logFormat = environment.getProperty("mailgate.log.format", "text").toLowerCase(Locale.ROOT);
		if (logFormat.equals("json")) {
			derived.put("logging.structured.format.console", "ecs");
		}
		else if (!logFormat.equals("text")) {
			throw new IllegalStateException(
					"mailgate.log.format (MAILGATE_LOG_FORMAT) must be 'text' or 'json', not '" + logFormat + "'");
		}
		environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, derived));
	}

	private Map<String, Object> tlsProperties(TlsSettings tls, Path dataDirectory) {
		Map<String, Object> properties = new LinkedHashMap<>();
		TlsMode mode = tls.effectiveMode();
		if (mode == TlsMode.PROXY) {
			properties.put("server.ssl.enabled", false);
			properties.put("server.forward-headers-strategy", "framework");
			return properties;
		}
		properties.put("server.forward-headers-strategy", "none");
		properties.put("server.ssl.enabled", true);
		properties.put("server.ssl.bundle", "mailgate");
		properties.put("server.http2.enabled", true);
		if (mode == TlsMode.SELF_SIGNED) {
			SelfSignedCertificate certificate = SelfSignedCertificate.in(dataDirectory);
			if (certificate.ensure(Clock.systemUTC())) {
				this.log.info("Created a self-signed TLS certificate for localhost in " + certificate.certificate());
			}
			this.log.info("Serving HTTPS with the self-signed certificate " + certificate.certificate()
					+ " (SHA-256 fingerprint " + certificate.sha256Fingerprint() + ")");
			pem(properties, certificate.certificate().toUri().toString(), certificate.privateKey().toUri().toString());
		}
		else if (tls.certificate() != null) {
			if (tls.privateKey() == null) {
				throw new IllegalStateException(
						"mailgate.tls.certificate is set but mailgate.tls.private-key (MAILGATE_TLS_PRIVATEKEY) is not");
			}
			pem(properties, location(tls.certificate()), location(tls.privateKey()));
		}
		else if (tls.keystore() != null) {
			String prefix = "spring.ssl.bundle.jks.mailgate.keystore.";
			properties.put(prefix + "location", location(tls.keystore()));
			properties.put(prefix + "type", (tls.keystoreType() != null) ? tls.keystoreType() : "PKCS12");
			if (tls.keystorePassword() != null) {
				properties.put(prefix + "password", tls.keystorePassword());
			}
		}
		else {
			throw new IllegalStateException("mailgate.tls.mode is 'provided' but neither mailgate.tls.certificate "
					+ "(MAILGATE_TLS_CERTIFICATE) nor mailgate.tls.keystore (MAILGATE_TLS_KEYSTORE) is set");
		}
		return properties;
	}

	private static void pem(Map<String, Object> properties, String certificate, String privateKey) {
		properties.put("spring.ssl.bundle.pem.mailgate.keystore.certificate", certificate);
		properties.put("spring.ssl.bundle.pem.mailgate.keystore.private-key", privateKey);
	}

	private static String location(String path) {
		return path.contains(":") && !path.startsWith("/") ? path : Path.of(path).toAbsolutePath().toUri().toString();
	}

}
