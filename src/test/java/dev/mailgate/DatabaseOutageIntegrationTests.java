package dev.mailgate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mailgate.platform.CredentialFormat;
import dev.mailgate.support.HttpsClient;
import dev.mailgate.support.RequiresPostgres;
import dev.mailgate.support.TcpProxy;
import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on PostgreSQL through a TCP proxy that the tests cut (a stopped
 * database) or freeze (a network that drops packets): every request that needs the
 * database is answered with 503 and {@code Retry-After} within 5 seconds, never a 500, a
 * stack trace or a hang, and service comes back by itself within 5 seconds of the
 * database's return (docs/operations.md, "Outages"). Its own application context, the
 * suite's third, because the database sits behind the proxy.
 */
@RequiresPostgres
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mailgate.data.dir=" + DatabaseOutageIntegrationTests.DATA_DIR,
				"mailgate.bootstrap.admin.email=outage-admin@mailgate.test",
				"mailgate.bootstrap.admin.password=" + DatabaseOutageIntegrationTests.PASSWORD,
				"mailgate.bootstrap.client.id=outage-automation",
				"mailgate.bootstrap.client.secret=" + DatabaseOutageIntegrationTests.SECRET })
class DatabaseOutageIntegrationTests {

	static final String DATA_DIR = "target/it-data/outage";

	static final String PASSWORD = "outage-admin-password";

	static final String SECRET = "outage-secret-of-at-least-32-characters";

	private static final Duration PROMPT = Duration.ofSeconds(5);

	private static final Pattern HOST_PORT = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/(.*)");

	private static final TcpProxy proxy = proxy();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void postgresThroughProxy(DynamicPropertyRegistry registry) {
		String schema = TestDatabase.newPostgresSchema();
		Matcher url = HOST_PORT.matcher(TestDatabase.postgresUrl(schema));
		assertThat(url.matches()).isTrue();
		// the recommended URL parameters (docs/operations.md): fail fast on a dead socket
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + url.group(3)
				+ "&connectTimeout=2&socketTimeout=3&tcpKeepAlive=true");
		registry.add("spring.datasource.username", () -> TestDatabase.POSTGRES_USER);
		registry.add("spring.datasource.password", () -> TestDatabase.POSTGRES_PASSWORD);
	}

	@AfterEach
	void restore() {
		proxy.restore();
	}

	@AfterAll
	static void closeProxy() {
		proxy.close();
	}

	@Test
	void whileTheDatabaseIsStoppedTheOAuthEndpointsAnswerTemporarilyUnavailable() {
		awaitHealthy();
		proxy.cut();

		// RFC 6749 §4.1.2.1 and §5.2: temporarily_unavailable, with Retry-After (RFC 9110
		// §10.2.3)
		HttpResponse<String> token = timed(() -> refreshRequest());
		assertUnavailable(token, "application/json");
		assertThat(token.body()).contains("\"error\":\"temporarily_unavailable\"");
		HttpResponse<String> introspection = timed(
				() -> send(request("/oauth2/introspect").header("Authorization", "Basic " + basic())
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("token=mga_unknown"))));
		assertUnavailable(introspection, "application/json");
		assertThat(introspection.body()).contains("\"error\":\"temporarily_unavailable\"");
		HttpResponse<String> authorization = timed(() -> send(request("/oauth2/authorize?response_type=code"
				+ "&client_id=outage-automation&scope=contacts.read&redirect_uri=https://crm.example.com/cb")
			.GET()));
		assertUnavailable(authorization, "application/json");
	}

	@Test
	void whileTheDatabaseIsStoppedTheApiAnswersAProblem() {
		String token = accessToken();
		proxy.cut();

		HttpResponse<String> contacts = timed(
				() -> send(request("/api/v1/contacts").header("Authorization", "Bearer " + token).GET()));
		assertUnavailable(contacts, "application/problem+json");
		assertThat(contacts.body()).contains("\"status\":503").contains("database is not answering");
	}

	@Test
	void whileTheDatabaseIsStoppedPagesShowTheErrorPage() {
		HttpsClient browser = new HttpsClient(Path.of(DATA_DIR), this.port);
		assertThat(browser.signIn("outage-admin@mailgate.test", PASSWORD).statusCode()).isLessThan(400);
		proxy.cut();

		HttpResponse<String> page = timed(() -> browser.get("/contacts", "text/html"));
		assertUnavailable(page, "text/html");
		assertThat(page.body()).contains("Mailgate is briefly unavailable");
	}

	@Test
	void whileTheDatabaseIsStoppedReadinessIsDownAndLivenessStaysUp() {
		awaitHealthy();
		proxy.cut();

		assertThat(timed(() -> send(request("/actuator/health/readiness").GET())).statusCode()).isEqualTo(503);
		assertThat(timed(() -> send(request("/actuator/health").GET())).statusCode()).isEqualTo(503);
		assertThat(timed(() -> send(request("/actuator/health/liveness").GET())).statusCode()).isEqualTo(200);
	}

	@Test
	void whenTheDatabaseReturnsRequestsSucceedWithinFiveSeconds() {
		String token = accessToken();
		proxy.cut();
		assertUnavailable(timed(() -> refreshRequest()), "application/json");
		proxy.restore();

		long restored = System.nanoTime();
		assertThat(firstStatus200(() -> tokenRequest())).isLessThan(PROMPT);
		assertThat(firstStatus200(
				() -> send(request("/api/v1/contacts").header("Authorization", "Bearer " + token).GET())))
			.isLessThan(PROMPT);
		assertThat(Duration.ofNanos(System.nanoTime() - restored)).isLessThan(PROMPT);
	}

	@Test
	void whileTheNetworkToTheDatabaseDropsEverythingRequestsAreAnsweredWithinFiveSeconds() {
		String token = accessToken();
		proxy.freeze();

		assertUnavailable(timed(() -> refreshRequest()), "application/json");
		assertUnavailable(
				timed(() -> send(request("/api/v1/contacts").header("Authorization", "Bearer " + token).GET())),
				"application/problem+json");
	}

	private static void assertUnavailable(HttpResponse<String> response, String contentType) {
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith(contentType));
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("at dev.");
	}

	private void awaitHealthy() {
		assertThat(firstStatus200(() -> send(request("/actuator/health/readiness").GET()))).isLessThan(PROMPT);
	}

	@Test
	void whileTheDatabaseIsStoppedAnAppThatJustAuthenticatedStillGetsClientCredentialsTokens() {
		// the app's secret check is cached for 10 s, and a signed token needs no row
		accessToken();
		proxy.cut();

		HttpResponse<String> during = timed(() -> tokenRequest());
		assertThat(during.statusCode()).isEqualTo(200);
		Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(during.body());
		assertThat(token.find()).isTrue();
		proxy.restore();

		assertThat(firstStatus200(
				() -> send(request("/api/v1/contacts").header("Authorization", "Bearer " + token.group(1)).GET())))
			.isLessThan(PROMPT);
	}

	private String accessToken() {
		awaitHealthy();
		HttpResponse<String> response = tokenRequest();
		assertThat(response.statusCode()).isEqualTo(200);
		Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
		assertThat(token.find()).isTrue();
		return token.group(1);
	}

	private HttpResponse<String> tokenRequest() {
		return send(request("/oauth2/token").header("Authorization", "Basic " + basic())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
					+ URLEncoder.encode("contacts.read", StandardCharsets.UTF_8))));
	}

	/**
	 * A refresh grant with a refresh token nobody was issued: looking it up needs the
	 * database.
	 */
	private HttpResponse<String> refreshRequest() {
		return send(request("/oauth2/token").header("Authorization", "Basic " + basic())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
					+ CredentialFormat.generate(CredentialFormat.REFRESH_TOKEN))));
	}

	private static String basic() {
		return Base64.getEncoder().encodeToString(("outage-automation:" + SECRET).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * How long until the request is answered 200, asking again every 100 ms; fails the
	 * test after 10 seconds.
	 */
	private static Duration firstStatus200(Call call) {
		long start = System.nanoTime();
		while (true) {
			Duration taken = Duration.ofNanos(System.nanoTime() - start);
			if (call.send().statusCode() == 200) {
				return taken;
			}
			assertThat(taken).as("answered 200 within 10 s").isLessThan(Duration.ofSeconds(10));
			pause();
		}
	}

	private static HttpResponse<String> timed(Call call) {
		long start = System.nanoTime();
		HttpResponse<String> response = call.send();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered within 5 s").isLessThan(PROMPT);
		return response;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(15));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpClient client() {
		return HttpClient.newBuilder().sslContext(HttpsClient.trusting(Path.of(DATA_DIR))).build();
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static TcpProxy proxy() {
		Matcher url = HOST_PORT.matcher(TestDatabase.POSTGRES_URL);
		if (!url.matches()) {
			throw new IllegalStateException("Not a PostgreSQL URL: " + TestDatabase.POSTGRES_URL);
		}
		return new TcpProxy(url.group(1), (url.group(2) != null) ? Integer.parseInt(url.group(2)) : 5432);
	}

	@FunctionalInterface
	private interface Call {

		HttpResponse<String> send();

	}

}
