package dev.mailgate.integrations.internal;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.contacts.ContactQuery;
import dev.mailgate.contacts.Contacts;
import org.springframework.beans.factory.annotation.Autowired;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.mailgate.MailgateApplication;
import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.support.Browser;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.RequiresChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue's end-to-end test: this Mailgate connects to a second Mailgate, started in
 * the same JVM on plain HTTP at 127.0.0.1, as its provider. Chromium goes through the
 * real pages of both (sign-in here, Connect, sign-in and consent there, back here), and
 * the tokens are real: they call the provider's API, are refreshed at its token endpoint,
 * and are revoked there on Disconnect (checked with its RFC 7662 introspection).
 *
 * <p>
 * Steps are methods and the state they leave is in fields ({@link #provider},
 * {@link #connection}, {@link #app}), so that more steps (a contact sync) fit between the
 * refresh and the disconnect.
 */
@RequiresChromium
class MailgateToMailgateBrowserTests extends ConnectTestSupport {

	static final String PROVIDER_ADMIN = "provider-admin@mailgate.test";

	static final String PROVIDER_PASSWORD = "provider-admin-password-for-tests";

	static final String PROVIDER_CLIENT = "provider-automation";

	static final String PROVIDER_CLIENT_SECRET = "provider-bootstrap-secret-of-at-least-32-characters";

	/** More than one page of the provider's contacts API (1,000 a page). */
	static final int SEEDED = 1_250;

	static ConfigurableApplicationContext providerInstance;

	/** The provider's issuer: {@code http://127.0.0.1:<port>}. */
	static String provider;

	private static final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	Contacts contacts;

	Browser browser;

	/** The app registered at the provider for this Mailgate. */
	ProviderApp app;

	String registrationId;

	ConnectionId connection;

	@BeforeAll
	static void startProvider() {
		int port = freePort();
		provider = "http://127.0.0.1:" + port;
		// command-line arguments, which win over application.yml (default properties
		// do not)
		providerInstance = new SpringApplicationBuilder(MailgateApplication.class).run(
				"--mailgate.data.dir=target/it-data/provider-" + UUID.randomUUID(), "--server.port=" + port,
				"--mailgate.tls.mode=proxy", "--mailgate.issuer=" + provider,
				"--mailgate.bootstrap.admin.email=" + PROVIDER_ADMIN,
				"--mailgate.bootstrap.admin.password=" + PROVIDER_PASSWORD,
				"--mailgate.bootstrap.client.id=" + PROVIDER_CLIENT,
				"--mailgate.bootstrap.client.secret=" + PROVIDER_CLIENT_SECRET,
				// plain HTTP on another host: no __Host- prefix, no Secure flag
				"--server.servlet.session.cookie.name=mailgate-provider-session",
				"--server.servlet.session.cookie.secure=false", "--spring.jmx.enabled=false");
	}

	@AfterAll
	static void stopProvider() {
		if (providerInstance != null) {
			providerInstance.close();
		}
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void connectsToAnotherMailgateSyncsItsContactsRefreshesAndDisconnects() {
		registerAppAtProvider();
		addProviderInAdminPages();
		seedProviderContacts(SEEDED);

		connectInBrowser();
		storedAccessTokenWorksOnProviderApi();
		syncContactsInBrowser();
		refreshGetsANewTokenThatWorks();
		disconnectInBrowserRevokesTokensAtProvider();
	}

	/**
	 * Registers this Mailgate as an app at the provider through its API, with the
	 * bootstrap client's {@code apps.manage}.
	 */
	void registerAppAtProvider() {
		this.registrationId = "mailgate-" + UUID.randomUUID().toString().substring(0, 8);
		String redirectUri = ISSUER + ProviderRegistrations.CALLBACK_PATH + this.registrationId;
		Map<String, Object> created = json(send(HttpRequest.newBuilder(URI.create(provider + "/api/v1/apps"))
			.header("Authorization", "Bearer " + providerToken("apps.manage"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"""
							{"client_name": "Mailgate at localhost", "redirect_uris": ["%s"],
							 "grant_types": ["authorization_code", "refresh_token"], "scope": "openid profile email contacts.read",
							 "client_uri": "https://mailgate.example.com"}"""
						.formatted(redirectUri))),
				201));
		this.app = new ProviderApp((String) created.get("client_id"), (String) created.get("client_secret"));
	}

	/**
	 * The platform administrator adds the provider on the admin pages by its issuer URL
	 * (OpenID discovery fills in the endpoints) with the client ID and secret the
	 * provider issued.
	 */
	void addProviderInAdminPages() {
		try (Browser admin = new Browser(this.port)) {
			admin.open("/login")
				.fill("email", ADMIN_EMAIL)
				.fill("password", ADMIN_PASSWORD)
				.click("button[type=submit]");
			admin.waitForText("Hello");
			admin.open("/admin/integrations/new")
				.click("input[name=type][value=mailgate]")
				.fill("issuer", provider)
				.click("[data-test=discover]");
			admin.waitForText("Endpoints found at the issuer");
			assertThat(admin.value("#tokenUri")).isEqualTo(provider + "/oauth2/token");
			assertThat(admin.value("#revocationUri")).isEqualTo(provider + "/oauth2/revoke");
			admin.fill("name", "Partner Mailgate")
				.fill("registrationId", this.registrationId)
				.fill("clientId", this.app.clientId())
				.fill("clientSecret", this.app.clientSecret())
				.click("[data-test=save-provider]");
			admin.waitForText("Partner Mailgate was added.");
			assertThat(admin.text()).doesNotContain(this.app.clientSecret());
		}
	}

	/**
	 * Creates contacts in the provider's bootstrap workspace (its admin's, who consents),
	 * a thousand at a time through its batch API.
	 */
	void seedProviderContacts(int count) {
		String token = providerToken("contacts.write");
		for (int first = 0; first < count; first += 1000) {
			StringBuilder items = new StringBuilder();
			for (int i = first; i < Math.min(count, first + 1000); i++) {
				items.append((i > first) ? "," : "")
					.append("""
							{"email": "partner-%d@example.com", "first_name": "Partner", "last_name": "No %d"}"""
						.formatted(i, i));
			}
			send(HttpRequest.newBuilder(URI.create(provider + "/api/v1/contacts/batch"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"contacts\": [" + items + "]}")), 200);
		}
	}

	void connectInBrowser() {
		String email = uniqueEmail();
		this.flows.newPerson(email);
		this.browser = new Browser(this.port);
		this.browser.open("/integrations");
		this.browser.waitForText("Sign in");
		this.browser.fill("email", email).fill("password", OAuthFlows.PASSWORD).click("button[type=submit]");
		this.browser.waitForText("Partner Mailgate");
		this.browser.screenshot("integrations-before-connect");
		this.browser.click("[data-provider='" + this.registrationId + "'] [data-test=connect]");

		this.browser.waitForText("Sign in");
		this.browser.fill("email", PROVIDER_ADMIN).fill("password", PROVIDER_PASSWORD).click("button[type=submit]");
		this.browser.waitForText("Mailgate at localhost wants access to your Mailgate account");
		this.browser.click("[data-test=allow]");

		String page = this.browser.waitForText("Connected as");
		this.browser.screenshot("integrations-connected");
		assertThat(this.browser.path()).isEqualTo("/integrations");
		assertThat(page).contains("Connected to Partner Mailgate as " + PROVIDER_ADMIN)
			.contains("Sync contacts")
			.contains("Disconnect");
		assertThat(this.browser.consoleErrors()).isEmpty();
		Provider added = this.providers.findByRegistrationId(this.registrationId).orElseThrow();
		this.connection = this.connections.ofProvider(added.id()).get(0).id();
	}

	void storedAccessTokenWorksOnProviderApi() {
		String accessToken = this.connectionTokens.accessToken(this.connection);
		Map<String, Object> contacts = json(send(HttpRequest.newBuilder(URI.create(provider + "/api/v1/contacts"))
			.header("Authorization", "Bearer " + accessToken)
			.GET(), 200));
		assertThat(JsonPath.<Integer>read(contacts, "$.data.length()")).isGreaterThanOrEqualTo(3);
	}

	/**
	 * The marketer runs a contact sync on the sync page: every contact of the provider
	 * arrives here once, over more than one page of its API.
	 */
	void syncContactsInBrowser() {
		this.browser.click("[data-provider='" + this.registrationId + "'] [data-test=link-sync]");
		this.browser.waitForText("Contact sync");
		this.browser.click("[data-test=sync-now]");
		String summary = this.browser.waitForText("[data-test=summary]", "Finished in");
		this.browser.screenshot("integrations-synced");
		assertThat(summary).contains(SEEDED + " created");
		WorkspaceId workspace = this.connections.find(this.connection).orElseThrow().workspace();
		assertThat(this.contacts.count(workspace, ContactQuery.all())).isEqualTo(SEEDED);
		assertThat(this.contacts.findByEmail(workspace, "partner-1249@example.com"))
			.hasValueSatisfying((contact) -> assertThat(contact.lastName()).isEqualTo("No 1249"));
	}

	void refreshGetsANewTokenThatWorks() {
		TokenSet before = this.connections.tokens(this.connection).orElseThrow();
		expireAccessTokenIn(this.connection, Duration.ofSeconds(-1));

		String refreshed = this.connectionTokens.accessToken(this.connection);

		assertThat(refreshed).isNotEqualTo(before.accessToken());
		assertThat(this.connections.tokens(this.connection).orElseThrow().refreshToken())
			.as("the provider rotates refresh tokens")
			.isNotEqualTo(before.refreshToken());
		send(HttpRequest.newBuilder(URI.create(provider + "/api/v1/contacts"))
			.header("Authorization", "Bearer " + refreshed)
			.GET(), 200);
	}

	void disconnectInBrowserRevokesTokensAtProvider() {
		TokenSet tokens = this.connections.tokens(this.connection).orElseThrow();
		assertThat(introspect(tokens.accessToken())).containsEntry("active", true);

		this.browser.open("/integrations");
		this.browser.click("[data-provider='" + this.registrationId + "'] [data-test=disconnect]");
		this.browser.waitForText("Disconnect Partner Mailgate?");
		this.browser.click("[data-test=confirm-disconnect]");

		assertThat(this.browser.waitForText("confirmed that Mailgate's access is revoked"))
			.contains("Disconnected from Partner Mailgate");
		assertThat(this.connections.find(this.connection)).isEmpty();
		assertThat(introspect(tokens.accessToken())).containsEntry("active", false);
		assertThat(introspect(tokens.refreshToken())).containsEntry("active", false);
	}

	/**
	 * The provider's introspection (RFC 7662 §2.1), authenticated as the app.
	 */
	Map<String, Object> introspect(String token) {
		String basic = Base64.getEncoder()
			.encodeToString((encode(this.app.clientId()) + ":" + encode(this.app.clientSecret()))
				.getBytes(StandardCharsets.UTF_8));
		return json(send(HttpRequest.newBuilder(URI.create(provider + "/oauth2/introspect"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("token=" + encode(token))), 200));
	}

	/**
	 * A token of the provider's bootstrap client (client credentials).
	 */
	static String providerToken(String scope) {
		String basic = Base64.getEncoder()
			.encodeToString((PROVIDER_CLIENT + ":" + PROVIDER_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		return (String) json(send(
				HttpRequest.newBuilder(URI.create(provider + "/oauth2/token"))
					.header("Authorization", "Basic " + basic)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + encode(scope))),
				200))
			.get("access_token");
	}

	static String send(HttpRequest.Builder request, int expectedStatus) {
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, Object> json(String body) {
		return JsonPath.parse(body).json();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
	 * This Mailgate's client credentials at the provider.
	 */
	record ProviderApp(String clientId, String clientSecret) {
	}

}
