package dev.mailgate.ratelimit.internal;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.ratelimit.RateLimited;
import dev.mailgate.support.HttpsClient;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The rate limits as clients meet them. Each test has apps, addresses or accounts of its
 * own and tight budgets set while the application runs: an app's own limits, or the
 * defaults replaced for the length of the test. Headers per
 * draft-ietf-httpapi-ratelimit-headers-11: {@code RateLimit-Policy} §3, {@code RateLimit}
 * §4, {@code Retry-After} no earlier than the end of the effective window §6.
 */
@RecordApplicationEvents
class RateLimitIntegrationTests extends IntegrationTestSupport {

	private static final AtomicInteger addresses = new AtomicInteger();

	@Autowired
	Apps apps;

	@Autowired
	Accounts accounts;

	@Autowired
	AppLimits appLimits;

	@Autowired
	Policies policies;

	@Autowired
	ApplicationEvents events;

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	@Test
	void tokenEndpointWhenAppBudgetSpentThen429WithHeadersAndOAuthErrorAndRecoversAfterTheWindow() {
		RegisteredApp app = newApp();
		String address = newAddress();
		this.appLimits.set(app.app().clientId(), Budget.of(Policies.TOKEN_ENDPOINT, 3, Duration.ofSeconds(2)), null,
				"test");
		for (int request = 1; request <= 3; request++) {
			assertThat(token(app, app.clientSecret(), address)).hasStatusOk();
		}

		MvcTestResult refused = token(app, app.clientSecret(), address);

		assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
			.hasHeader("RateLimit-Policy", "\"token-endpoint\";q=3;w=2")
			.hasHeader("Cache-Control", "no-store");
		String retryAfter = refused.getResponse().getHeader("Retry-After");
		assertThat(retryAfter).isIn("1", "2");
		assertThat(refused.getResponse().getHeader("RateLimit")).isEqualTo("\"token-endpoint\";r=0;t=" + retryAfter);
		assertThat(refused).bodyJson().extractingPath("$.error").isEqualTo("temporarily_unavailable");
		assertThat(refused).bodyJson()
			.extractingPath("$.error_description")
			.asString()
			.contains("try again in " + retryAfter + " seconds");
		assertThat(this.events.stream(RateLimited.class)).anyMatch((event) -> event.limit().equals("token-endpoint")
				&& app.app().clientId().equals(event.clientId()) && address.equals(event.address()));

		Instant deadline = Instant.now().plusSeconds(5);
		MvcTestResult again = token(app, app.clientSecret(), address);
		while (again.getResponse().getStatus() == 429 && Instant.now().isBefore(deadline)) {
			pause();
			again = token(app, app.clientSecret(), address);
		}
		assertThat(again).hasStatusOk();
	}

	@Test
	void tokenEndpointWhenCallerHasAWrongSecretThenTheAppsBudgetIsNotSpent() {
		RegisteredApp app = newApp();
		this.appLimits.set(app.app().clientId(), Budget.of(Policies.TOKEN_ENDPOINT, 2, Duration.ofMinutes(1)), null,
				"test");
		for (int attempt = 1; attempt <= 5; attempt++) {
			assertThat(token(app, "mgs_wrong-secret-" + attempt, newAddress())).hasStatus(HttpStatus.UNAUTHORIZED)
				.bodyJson()
				.extractingPath("$.error")
				.isEqualTo("invalid_client");
		}

		assertThat(token(app, app.clientSecret(), newAddress())).hasStatusOk();
		assertThat(token(app, app.clientSecret(), newAddress())).hasStatusOk();
		assertThat(token(app, app.clientSecret(), newAddress())).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void apiWhenAppBudgetSpentThen429ProblemWithHeadersAndEveryAnswerCarriesThem() {
		RegisteredApp app = newApp();
		String accessToken = (String) OAuthFlows.json(token(app, app.clientSecret(), newAddress())).get("access_token");
		this.appLimits.set(app.app().clientId(), null, Budget.of(Policies.API, 2, Duration.ofMinutes(1)), "test");

		MvcTestResult first = api(accessToken);
		assertThat(first).hasStatusOk().hasHeader("RateLimit-Policy", "\"api\";q=2;w=60");
		assertThat(first.getResponse().getHeader("RateLimit")).matches("\"api\";r=1;t=(59|60)");
		MvcTestResult second = api(accessToken);
		assertThat(second).hasStatusOk();
		assertThat(second.getResponse().getHeader("RateLimit")).startsWith("\"api\";r=0;t=");

		MvcTestResult refused = api(accessToken);

		assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
			.hasContentTypeCompatibleWith("application/problem+json")
			.hasHeader("RateLimit-Policy", "\"api\";q=2;w=60");
		String retryAfter = refused.getResponse().getHeader("Retry-After");
		assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
		assertThat(refused.getResponse().getHeader("RateLimit")).isEqualTo("\"api\";r=0;t=" + retryAfter);
		assertThat(refused).bodyJson()
			.extractingPath("$.type")
			.isEqualTo("https://iana.org/assignments/http-problem-types#quota-exceeded");
		assertThat(refused).bodyJson().extractingPath("$.status").isEqualTo(429);
		assertThat(refused).bodyJson().extractingPath("$.violated-policies").asArray().containsExactly("api");
		assertThat(refused).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("2 requests per 60 seconds", "try again in " + retryAfter + " seconds");
		assertThat(this.events.stream(RateLimited.class))
			.anyMatch((event) -> event.limit().equals("api") && app.app().clientId().equals(event.clientId()));
	}

	@Test
	void signInWhenAddressBudgetSpentThen429WithTheSignInPage() {
		String address = newAddress();
		withDefaults((defaults) -> new Policies.Defaults(defaults.tokenEndpoint(), defaults.api(),
				Budget.of(Policies.SIGN_IN_IP, 2, Duration.ofMinutes(1)), defaults.signInPerAccount(),
				defaults.clientAuthPerIp(), defaults.clientAuthPerClient()), () -> {
					assertThat(signIn(uniqueEmail(), address)).hasRedirectedUrl("/login?error");
					assertThat(signIn(uniqueEmail(), address)).hasRedirectedUrl("/login?error");

					MvcTestResult refused = signIn(uniqueEmail(), address);

					assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
						.hasForwardedUrl("/login/throttled")
						.hasHeader("RateLimit-Policy", "\"sign-in-ip\";q=2;w=60");
					assertThat(refused.getResponse().getHeader("Retry-After")).isNotNull();
					assertThat(signIn(uniqueEmail(), newAddress())).hasRedirectedUrl("/login?error");
					assertThat(this.events.stream(RateLimited.class))
						.anyMatch((event) -> event.limit().equals("sign-in-ip") && address.equals(event.address()));
				});
	}

	@Test
	void signInWhenAccountBudgetSpentThenThePageSaysHowLongToWait() {
		String email = uniqueEmail();
		HttpsClient browser = new HttpsClient(this.dataDirectory, this.port);
		withDefaults((defaults) -> new Policies.Defaults(defaults.tokenEndpoint(), defaults.api(),
				defaults.signInPerIp(), Budget.of(Policies.SIGN_IN_ACCOUNT, 2, Duration.ofMinutes(1)),
				defaults.clientAuthPerIp(), defaults.clientAuthPerClient()), () -> {
					assertThat(browser.signIn(email, "first guess").statusCode()).isEqualTo(302);
					assertThat(browser.signIn(email.toUpperCase(), "second guess").statusCode()).isEqualTo(302);

					HttpResponse<String> refused = browser.signIn(email, "third guess");

					assertThat(refused.statusCode()).isEqualTo(429);
					String retryAfter = refused.headers().firstValue("Retry-After").orElseThrow();
					assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
					assertThat(refused.headers().firstValue("RateLimit"))
						.contains("\"sign-in-account\";r=0;t=" + retryAfter);
					assertThat(refused.body()).contains("Wait " + retryAfter + " seconds, then try again.");
					assertThat(browser.signIn(uniqueEmail(), "another account").statusCode()).isEqualTo(302);
				});
	}

	@Test
	void oauthEndpointsWhenAddressFailedClientAuthenticationTooOftenThen429BeforeAuthentication() {
		RegisteredApp app = newApp();
		String address = newAddress();
		withDefaults((defaults) -> new Policies.Defaults(defaults.tokenEndpoint(), defaults.api(),
				defaults.signInPerIp(), defaults.signInPerAccount(),
				Budget.of(Policies.CLIENT_AUTH_IP, 2, Duration.ofMinutes(1)), defaults.clientAuthPerClient()), () -> {
					assertThat(token(app, "mgs_guess-one", address)).hasStatus(HttpStatus.UNAUTHORIZED);
					assertThat(token(app, "mgs_guess-two", address)).hasStatus(HttpStatus.UNAUTHORIZED);

					MvcTestResult refused = token(app, app.clientSecret(), address);

					assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
						.hasHeader("RateLimit-Policy", "\"client-auth-ip\";q=2;w=60")
						.hasHeader("Cache-Control", "no-store");
					assertThat(refused).bodyJson().extractingPath("$.error").isEqualTo("temporarily_unavailable");
					assertThat(post("/oauth2/introspect", app, address, "token", "mga_anything"))
						.hasStatus(HttpStatus.TOO_MANY_REQUESTS);
					assertThat(post("/oauth2/revoke", app, address, "token", "mga_anything"))
						.hasStatus(HttpStatus.TOO_MANY_REQUESTS);
					assertThat(token(app, app.clientSecret(), newAddress())).hasStatusOk();
				});
	}

	@Test
	void oauthEndpointsWhenClientIdFailedAuthenticationTooOftenThen429BeforeAuthentication() {
		RegisteredApp app = newApp();
		RegisteredApp other = newApp();
		withDefaults((defaults) -> new Policies.Defaults(defaults.tokenEndpoint(), defaults.api(),
				defaults.signInPerIp(), defaults.signInPerAccount(), defaults.clientAuthPerIp(),
				Budget.of(Policies.CLIENT_AUTH_CLIENT, 2, Duration.ofMinutes(1))), () -> {
					assertThat(token(app, "mgs_guess-one", newAddress())).hasStatus(HttpStatus.UNAUTHORIZED);
					assertThat(token(app, "mgs_guess-two", newAddress())).hasStatus(HttpStatus.UNAUTHORIZED);
					String address = newAddress();

					MvcTestResult refused = token(app, app.clientSecret(), address);

					assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
						.hasHeader("RateLimit-Policy", "\"client-auth-client\";q=2;w=60");
					assertThat(refused.getResponse().getHeader("Retry-After")).isNotNull();
					assertThat(token(other, other.clientSecret(), address)).hasStatusOk();
					assertThat(this.events.stream(RateLimited.class))
						.anyMatch((event) -> event.limit().equals("client-auth-client")
								&& app.app().clientId().equals(event.clientId()));
				});
	}

	private RegisteredApp newApp() {
		return this.apps.register(this.accounts.bootstrapWorkspace().orElseThrow(),
				ClientMetadata.toNewApp(Map.of("client_name", "Rate limited " + UUID.randomUUID(), "grant_types",
						List.of("client_credentials"), "scope", "contacts.read")),
				false);
	}

	private MvcTestResult token(RegisteredApp app, String secret, String address) {
		return post("/oauth2/token", app.app().clientId(), secret, address, "grant_type", "client_credentials");
	}

	private MvcTestResult post(String endpoint, RegisteredApp app, String address, String... parameters) {
		return post(endpoint, app.app().clientId(), app.clientSecret(), address, parameters);
	}

	private MvcTestResult post(String endpoint, String clientId, String secret, String address, String... parameters) {
		var request = this.mvc.post()
			.uri(endpoint)
			.contentType("application/x-www-form-urlencoded")
			.with(httpBasic(clientId, secret))
			.with((r) -> {
				r.setRemoteAddr(address);
				return r;
			});
		for (int i = 0; i + 1 < parameters.length; i += 2) {
			request.param(parameters[i], parameters[i + 1]);
		}
		return request.exchange();
	}

	private MvcTestResult api(String accessToken) {
		return this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + accessToken).exchange();
	}

	private MvcTestResult signIn(String email, String address) {
		return this.mvc.post().uri("/login").with(csrf()).with((request) -> {
			request.setRemoteAddr(address);
			return request;
		}).param("email", email).param("password", "not the password").exchange();
	}

	/**
	 * Runs the test with other default budgets, then puts the configured ones back.
	 */
	private void withDefaults(UnaryOperator<Policies.Defaults> change, Runnable test) {
		Policies.Defaults configured = this.policies.defaults();
		this.policies.useDefaults(change.apply(configured));
		try {
			test.run();
		}
		finally {
			this.policies.useDefaults(configured);
		}
	}

	private static String newAddress() {
		int n = addresses.incrementAndGet();
		return "10.42.%d.%d".formatted(n / 250, 1 + n % 250);
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
