package dev.mailgate.platform.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MailgateEnvironmentTests {

	@TempDir
	Path dataDirectory;

	@Test
	void servesHttpsWithASelfSignedCertificateInTheDataDirectoryByDefault() {
		MockEnvironment environment = prepare(new MockEnvironment());

		assertThat(environment.getProperty("server.ssl.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("spring.ssl.bundle.pem.mailgate.keystore.certificate"))
			.isEqualTo(this.dataDirectory.resolve("tls/localhost.crt").toUri().toString());
		assertThat(environment.getProperty("server.forward-headers-strategy")).isEqualTo("none");
		assertThat(Files.exists(this.dataDirectory.resolve("tls/localhost.key"))).isTrue();
	}

	@Test
	void usesTheOperatorsPemCertificateWhenGiven() {
		MockEnvironment environment = prepare(
				new MockEnvironment().withProperty("mailgate.tls.certificate", "/etc/mailgate/tls.crt")
					.withProperty("mailgate.tls.private-key", "/etc/mailgate/tls.key"));

		assertThat(environment.getProperty("spring.ssl.bundle.pem.mailgate.keystore.certificate"))
			.isEqualTo("file:///etc/mailgate/tls.crt");
		assertThat(environment.getProperty("spring.ssl.bundle.pem.mailgate.keystore.private-key"))
			.isEqualTo("file:///etc/mailgate/tls.key");
		assertThat(Files.exists(this.dataDirectory.resolve("tls"))).isFalse();
	}

	@Test
	void usesTheOperatorsKeystoreWhenGiven() {
		MockEnvironment environment = prepare(
				new MockEnvironment().withProperty("mailgate.tls.keystore", "/etc/mailgate/tls.p12")
					.withProperty("mailgate.tls.keystore-password", "changeit"));

		assertThat(environment.getProperty("spring.ssl.bundle.jks.mailgate.keystore.location"))
			.isEqualTo("file:///etc/mailgate/tls.p12");
		assertThat(environment.getProperty("spring.ssl.bundle.jks.mailgate.keystore.type")).isEqualTo("PKCS12");
	}

	@Test
	void behindAProxyServesPlainHttpAndOnlyThenTrustsForwardedHeaders() {
		MockEnvironment environment = prepare(new MockEnvironment().withProperty("mailgate.tls.mode", "proxy"));

		assertThat(environment.getProperty("server.ssl.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("server.forward-headers-strategy")).isEqualTo("framework");
	}

	@Test
	void refusesProvidedModeWithoutACertificate() {
		assertThatIllegalStateException()
			.isThrownBy(() -> prepare(new MockEnvironment().withProperty("mailgate.tls.mode", "provided")))
			.withMessageContaining("MAILGATE_TLS_CERTIFICATE");
	}

	@Test
	void switchesToJsonLogsOnRequest() {
		MockEnvironment environment = prepare(new MockEnvironment().withProperty("mailgate.log.format", "json"));

		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
	}

	@Test
	void refusesAnUnknownLogFormat() {
		assertThatIllegalStateException()
			.isThrownBy(() -> prepare(new MockEnvironment().withProperty("mailgate.log.format", "xml")))
			.withMessageContaining("MAILGATE_LOG_FORMAT");
	}

	private MockEnvironment prepare(MockEnvironment environment) {
		environment.setProperty("mailgate.data.dir", this.dataDirectory.toString());
		new MailgateEnvironment(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
