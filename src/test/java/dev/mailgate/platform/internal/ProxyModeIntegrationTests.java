package dev.mailgate.platform.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import dev.mailgate.MailgateApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mailgate behind a TLS-terminating proxy ({@code MAILGATE_TLS_MODE=proxy}): plain HTTP
 * on its port, and the proxy's {@code X-Forwarded-*} headers honoured, in this mode only.
 */
class ProxyModeIntegrationTests {

	@TempDir
	static Path dataDirectory;

	static ConfigurableApplicationContext mailgate;

	static int port;

	@BeforeAll
	static void startBehindProxy() {
		mailgate = new SpringApplicationBuilder(MailgateApplication.class).run("--mailgate.tls.mode=proxy",
				"--mailgate.data.dir=" + dataDirectory, "--server.port=0",
				"--mailgate.bootstrap.admin.email=proxy-admin@mailgate.test",
				"--mailgate.bootstrap.admin.password=proxy-admin-password");
		port = Integer.parseInt(mailgate.getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	static void stop() {
		mailgate.close();
	}

	@Test
	void servesPlainHttpAndBuildsLinksFromTheForwardedHeaders() throws Exception {
		HttpResponse<Void> response = get("/account", true);

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).contains("https://mail.example.com/login");
	}

	@Test
	void treatsRequestsForwardedOverHttpsAsSecure() throws Exception {
		assertThat(get("/login", true).headers().firstValue("Strict-Transport-Security")).isPresent();
		assertThat(get("/login", false).headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	@Test
	void createsNoCertificate() {
		assertThat(dataDirectory.resolve("tls")).doesNotExist();
	}

	private static HttpResponse<Void> get(String path, boolean forwarded) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (forwarded) {
			request.header("X-Forwarded-Proto", "https")
				.header("X-Forwarded-Host", "mail.example.com")
				.header("X-Forwarded-Port", "443")
				.header("X-Forwarded-For", "203.0.113.7");
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());
	}

}
