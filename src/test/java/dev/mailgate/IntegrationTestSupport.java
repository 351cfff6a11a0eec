package dev.mailgate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.mailgate.support.MockMvcSessionCookies;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The one Spring context the integration tests share: the whole application on a real
 * HTTPS port, with the embedded database in a data directory of its own. The port is
 * chosen before the context starts, so that the issuer ({@code https://localhost:<port>})
 * is the address clients really reach, as in production.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mailgate.data.dir=target/it-data/${random.uuid}",
				"mailgate.bootstrap.admin.email=" + IntegrationTestSupport.ADMIN_EMAIL,
				"mailgate.bootstrap.admin.password=" + IntegrationTestSupport.ADMIN_PASSWORD,
				"mailgate.bootstrap.client.id=" + IntegrationTestSupport.BOOTSTRAP_CLIENT_ID,
				"mailgate.bootstrap.client.secret=" + IntegrationTestSupport.BOOTSTRAP_CLIENT_SECRET,
				"mailgate.oauth.leak-reporters.test-scanner=" + IntegrationTestSupport.LEAK_REPORTER_PUBLIC_KEY,
				// Rate limits: the suite signs in and asks for tokens from 127.0.0.1 far
				// more
				// often than people do; the rate limit tests tighten budgets at runtime.
				"mailgate.ratelimit.token-endpoint.quota=1000000", "mailgate.ratelimit.api.quota=1000000",
				"mailgate.ratelimit.sign-in.per-ip.quota=1000000",
				"mailgate.ratelimit.sign-in.per-account.quota=1000000",
				"mailgate.ratelimit.client-auth-failures.per-ip.quota=1000000",
				"mailgate.ratelimit.client-auth-failures.per-client.quota=1000000",
				// Webhooks: tests receive them on 127.0.0.1 and retry within seconds
				"mailgate.webhooks.allow-loopback=true", "mailgate.webhooks.retry-schedule=1s,2s,2s",
				// Integrations: providers are WireMock or another Mailgate on 127.0.0.1
				"mailgate.integrations.allow-loopback=true" })
@AutoConfigureMockMvc
@Import(MockMvcSessionCookies.class)
public abstract class IntegrationTestSupport {

	public static final String ADMIN_EMAIL = "operator@mailgate.test";

	public static final String ADMIN_PASSWORD = "operator-password-for-tests";

	public static final String BOOTSTRAP_CLIENT_ID = "mailgate-automation";

	public static final String BOOTSTRAP_CLIENT_SECRET = "bootstrap-secret-of-at-least-32-characters";

	/** A secret scanner's EC P-256 key pair, for signing leak reports in tests. */
	public static final String LEAK_REPORTER_PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE0VP59JzK3VGuLUdDNsKk8l2hFOzKSIb9nCgBrR8u6/NEKsPQ3VwLOg4Ps6alV3RI3X4+CGn6sYxeaOoDRbtS8A==";

	static final int PORT = freePort();

	public static final String ISSUER = "https://localhost:" + PORT;

	@Autowired
	protected MockMvcTester mvc;

	@LocalServerPort
	protected int port;

	/**
	 * A real SMTP server (GreenMail) that every notification of the test context goes to.
	 */
	public static final GreenMail SMTP = smtp();

	@DynamicPropertySource
	static void portAndIssuer(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("mailgate.issuer", () -> ISSUER);
		registry.add("mailgate.smtp.host", () -> "127.0.0.1");
		registry.add("mailgate.smtp.port", () -> SMTP.getSmtp().getPort());
		registry.add("mailgate.smtp.starttls", () -> "false");
	}

	private static GreenMail smtp() {
		GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		return smtp;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A session of the bootstrap administrator, a platform administrator, signed in
	 * through the sign-in form.
	 */
	protected MockHttpSession signInAsAdministrator() {
		return (MockHttpSession) this.mvc.post()
			.uri("/login")
			.with(csrf())
			.param("email", ADMIN_EMAIL)
			.param("password", ADMIN_PASSWORD)
			.exchange()
			.getRequest()
			.getSession();
	}

	protected static String uniqueEmail() {
		return "user-" + UUID.randomUUID() + "@example.com";
	}

}
