package dev.mailgate.integrations.internal;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.integrations.ProviderId;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The operator's provider pages: adding from a preset and by issuer URL (RFC 8414 §3,
 * OpenID Connect Discovery 1.0 §4), the checks discovery makes, the secret that is never
 * shown back, replacing it, and removing a provider once no workspace is connected.
 */
class ProvidersAdminIntegrationTests extends IntegrationTestSupport {

	static WireMockServer provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	@Autowired
	JdbcProviders providers;

	@Autowired
	JdbcConnections connections;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	MockHttpSession operator;

	@BeforeAll
	static void startProvider() {
		provider.start();
	}

	@AfterAll
	static void stopProvider() {
		provider.stop();
	}

	@BeforeEach
	void signInAsOperator() {
		this.operator = signInAsAdministrator();
	}

	@Test
	void operatorAddsHubSpotFromItsPresetAndSeesOnlyTheSecretsLastFour() {
		String registrationId = unique("hubspot");
		String secret = "hubspot-secret-" + UUID.randomUUID() + "-Q7zK";

		assertThat(this.mvc.get().uri("/admin/integrations/new?type=hubspot").session(this.operator)).hasStatusOk()
			.bodyText()
			.contains("https://app.hubspot.com/oauth/authorize", "https://api.hubapi.com/oauth/v1/token",
					"crm.objects.contacts.read");
		assertThat(add(registrationId, "HubSpot " + registrationId, "hubspot", secret,
				"https://app.hubspot.com/oauth/authorize", "https://api.hubapi.com/oauth/v1/token"))
			.hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/admin/integrations");

		String page = listPage();
		assertThat(page).contains("HubSpot " + registrationId, "hubspot-client-id", "••••Q7zK", "Contact sync",
				ISSUER + "/integrations/callback/" + registrationId, "0 workspaces");
		assertThat(page).doesNotContain(secret);
		Provider added = this.providers.findByRegistrationId(registrationId).orElseThrow();
		assertThat(added.type()).isEqualTo(ProviderType.HUBSPOT);
		assertThat(this.providers.clientSecret(added.id())).isEqualTo(secret);
		assertThat(auditDetails("integration.provider_added", "HubSpot " + registrationId)).containsExactly(ADMIN_EMAIL
				+ ": Provider HubSpot " + registrationId + " (hubspot) added with client ID hubspot-client-id");
	}

	@Test
	void discoveryFromRfc8414MetadataFillsInTheEndpoints() {
		// RFC 8414 §3.1: the well-known path goes between the host and the issuer's path
		String issuer = DiscoveryDocuments.oauthServer(provider, unique("tenant"), Map.of());

		assertThat(discover("mailgate", issuer)).hasStatusOk()
			.bodyText()
			.contains("Endpoints found at the issuer", issuer + "/authorize", issuer + "/token", issuer + "/revoke",
					"openid profile email contacts.read", "The provider offers: openid profile email contacts.read")
			.contains("value=\"client_secret_post\" selected");
	}

	@Test
	void discoveryFromAnOpenIdConfigurationFillsInTheEndpoints() {
		// OpenID Connect Discovery 1.0 §4: the well-known path is appended to the issuer
		String issuer = DiscoveryDocuments.openIdProvider(provider, unique("oidc"), Map.of());

		assertThat(discover("custom", issuer)).hasStatusOk()
			.bodyText()
			.contains(issuer + "/authorize", issuer + "/token", issuer + "/userinfo", issuer + "/jwks",
					"value=\"openid email\"");
	}

	@Test
	void discoveryWhenIssuerDiffersThenRefused() {
		// RFC 8414 §3.3: the issuer in the document must be the one asked for
		String tenant = unique("impostor");
		DiscoveryDocuments.oauthServer(provider, tenant, Map.of("issuer", "https://someone-else.example"));

		assertThat(discover("custom", provider.baseUrl() + "/" + tenant)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("names the issuer https://someone-else.example", "RFC 8414 §3.3");
	}

	@Test
	void discoveryWhenProviderLacksS256PkceOrTheCodeGrantThenSaysSo() {
		String noPkce = DiscoveryDocuments.oauthServer(provider, unique("plain"),
				Map.of("code_challenge_methods_supported", List.of("plain")));
		String noCode = DiscoveryDocuments.oauthServer(provider, unique("machines"),
				Map.of("grant_types_supported", List.of("client_credentials")));

		assertThat(discover("custom", noPkce)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("does not support PKCE with S256");
		assertThat(discover("custom", noCode)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("does not support the authorization code grant");
	}

	@Test
	void discoveryWhenIssuerUnreachableNotJsonOrPlainHttpThenFormError() {
		String tenant = unique("html");
		provider.stubFor(
				com.github.tomakehurst.wiremock.client.WireMock.get("/" + tenant + "/.well-known/openid-configuration")
					.willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok("<html>Welcome</html>")));

		assertThat(discover("custom", "http://127.0.0.1:1/nobody-home")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("Could not reach http://127.0.0.1:1/nobody-home/.well-known/openid-configuration");
		assertThat(discover("custom", provider.baseUrl() + "/" + tenant)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("is not a JSON discovery document");
		assertThat(discover("custom", "http://crm.example.com")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("Use an https:// address");
		assertThat(discover("custom", provider.baseUrl() + "/" + unique("missing"))).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("No discovery document found");
	}

	@Test
	void formWithMissingFieldsOrPlainHttpEndpointsIsShownAgainWithoutTheSecret() {
		String secret = "typed-secret-" + UUID.randomUUID();

		MvcTestResult result = add("Bad Id!", "", "custom", secret, "http://crm.example.com/authorize", "");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("Enter a name people recognise", "Use 2 to 64 lowercase letters, digits and dashes.",
					"Use an https:// address", "Enter this address.", "Type the secret again")
			.doesNotContain(secret);
	}

	@Test
	void registrationIdIsSuggestedFromTheNameAndMustBeUnique() {
		String name = "Acme CRM " + UUID.randomUUID().toString().substring(0, 8);
		String expected = ProviderForm.slug(name);

		assertThat(add("", name, "custom", "acme-secret-12345", "https://acme.example/authorize",
				"https://acme.example/token"))
			.hasStatus(HttpStatus.FOUND);
		assertThat(this.providers.findByRegistrationId(expected)).isPresent();
		assertThat(add(expected, name, "custom", "acme-secret-12345", "https://acme.example/authorize",
				"https://acme.example/token"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("Another provider has this registration id.");
	}

	@Test
	void replacingTheSecretStoresTheNewOneEncryptedAndNeverShowsIt() {
		Provider added = addProvider(unique("rotate"), "first-secret-AAAA");
		String rotated = "rotated-secret-" + UUID.randomUUID() + "-ZZ99";

		assertThat(this.mvc.get().uri("/admin/integrations/" + added.id() + "/secret").session(this.operator))
			.hasStatusOk()
			.bodyText()
			.contains("••••AAAA");
		MvcTestResult replaced = this.mvc.post()
			.uri("/admin/integrations/" + added.id() + "/secret")
			.session(this.operator)
			.with(csrf())
			.param("clientSecret", rotated)
			.exchange();

		assertThat(replaced).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/admin/integrations");
		assertThat(this.providers.clientSecret(added.id())).isEqualTo(rotated);
		String stored = this.jdbc.sql("select client_secret from integrations_providers where id = ?")
			.param(added.id().value())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain(rotated).doesNotContain("first-secret");
		assertThat(listPage()).contains("••••ZZ99").doesNotContain(rotated);
		assertThat(auditDetails("integration.provider_secret_replaced", added.name()))
			.containsExactly(ADMIN_EMAIL + ": Client secret of provider " + added.name() + " replaced");
	}

	@Test
	void editingKeepsTheSecretWhenLeftEmpty() {
		Provider added = addProvider(unique("edit"), "kept-secret-KEEP");

		assertThat(this.mvc.get().uri("/admin/integrations/" + added.id()).session(this.operator)).hasStatusOk()
			.bodyText()
			.contains(added.clientId(), "now ••••KEEP; leave empty to keep it")
			.doesNotContain("kept-secret-KEEP");
		assertThat(form(this.mvc.post().uri("/admin/integrations/" + added.id()), added.registrationId(),
				"Renamed " + added.name(), "custom", "", "https://acme.example/authorize",
				"https://acme.example/token"))
			.hasStatus(HttpStatus.FOUND);

		assertThat(this.providers.find(added.id()).orElseThrow().name()).isEqualTo("Renamed " + added.name());
		assertThat(this.providers.clientSecret(added.id())).isEqualTo("kept-secret-KEEP");
		assertThat(auditDetails("integration.provider_updated", "Renamed " + added.name())).hasSize(1);
	}

	@Test
	void removalIsRefusedWhileAWorkspaceIsConnectedAndAllowedAfter() {
		Provider added = addProvider(unique("remove"), "remove-secret-1234");
		var person = this.accounts.personByEmail(ADMIN_EMAIL).orElseThrow();
		var connection = this.connections.save(this.accounts.bootstrapWorkspace().orElseThrow(), added.id(),
				person.id(), "someone@crm.example", null,
				new TokenSet("access", Instant.now().plusSeconds(600), "refresh", Set.of("contacts.read")));

		assertThat(listPage()).contains("1 workspace");
		assertThat(remove(added.id())).hasStatus(HttpStatus.FOUND);
		assertThat(listPage()).contains(added.name() + " is still connected in 1 workspace(s).");
		assertThat(this.providers.find(added.id())).isPresent();

		this.jdbc.sql("delete from integrations_connections where id = ?").param(connection.id().value()).update();
		assertThat(remove(added.id())).hasStatus(HttpStatus.FOUND);
		assertThat(listPage()).contains(added.name() + " was removed.");
		assertThat(this.providers.find(added.id())).isEmpty();
		assertThat(auditDetails("integration.provider_removed", added.name())).hasSize(1);
	}

	@Test
	void peopleWhoAreNotPlatformAdministratorsAreRefused() {
		MockHttpSession marketer = new OAuthFlows(this.mvc).newPerson(uniqueEmail());

		// the error page's text is rendered by the servlet container (the browser tests
		// see it), not by MockMvc
		assertThat(this.mvc.get().uri("/admin/integrations").session(marketer)).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.post()
			.uri("/admin/integrations/discover")
			.session(marketer)
			.with(csrf())
			.param("issuer", "https://example.com")).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get().uri("/admin/integrations")).hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.endsWith("/login");
	}

	@Test
	void unknownProviderIsANotFoundPage() {
		assertThat(this.mvc.get().uri("/admin/integrations/not-a-uuid/secret").session(this.operator))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.get().uri("/admin/integrations/" + UUID.randomUUID()).session(this.operator))
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	private Provider addProvider(String registrationId, String secret) {
		assertThat(add(registrationId, "Acme " + registrationId, "custom", secret, "https://acme.example/authorize",
				"https://acme.example/token"))
			.hasStatus(HttpStatus.FOUND);
		return this.providers.findByRegistrationId(registrationId).orElseThrow();
	}

	private MvcTestResult add(String registrationId, String name, String type, String secret, String authorizationUri,
			String tokenUri) {
		return form(this.mvc.post().uri("/admin/integrations"), registrationId, name, type, secret, authorizationUri,
				tokenUri);
	}

	private MvcTestResult form(MockMvcRequestBuilder request, String registrationId, String name, String type,
			String secret, String authorizationUri, String tokenUri) {
		return request.session(this.operator)
			.with(csrf())
			.param("type", type)
			.param("name", name)
			.param("registrationId", registrationId)
			.param("authorizationUri", authorizationUri)
			.param("tokenUri", tokenUri)
			.param("scopes", "contacts.read")
			.param("clientId", type + "-client-id")
			.param("clientSecret", secret)
			.param("clientAuthMethod", "client_secret_basic")
			.exchange();
	}

	private MvcTestResult discover(String type, String issuer) {
		return this.mvc.post()
			.uri("/admin/integrations/discover")
			.session(this.operator)
			.with(csrf())
			.param("type", type)
			.param("issuer", issuer)
			.exchange();
	}

	private MvcTestResult remove(ProviderId id) {
		return this.mvc.post()
			.uri("/admin/integrations/" + id + "/remove")
			.session(this.operator)
			.with(csrf())
			.exchange();
	}

	private String listPage() {
		MvcTestResult page = this.mvc.get().uri("/admin/integrations").session(this.operator).exchange();
		assertThat(page).hasStatusOk();
		try {
			return page.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<String> auditDetails(String kind, String name) {
		return this.jdbc.sql("select actor, detail from audit_events where kind = ? and detail like ? order by at")
			.params(kind, "%" + name + "%")
			.query((rs, row) -> rs.getString(1) + ": " + rs.getString(2))
			.list();
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
