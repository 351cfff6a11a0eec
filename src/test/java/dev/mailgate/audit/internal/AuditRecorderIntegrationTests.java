package dev.mailgate.audit.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.oauth.OAuthEvents;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.OAuthFlows.Pkce;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * Every kind of event is recorded with its fields after the real action: through the
 * developer portal's pages, {@code /api/v1/apps}, the sign-in page, the consent page and
 * the authorization server's endpoints.
 */
class AuditRecorderIntegrationTests extends AuditTestSupport {

	static final String REDIRECT_URI = "https://crm.example.com/oauth/callback";

	@Autowired
	TransactionOperations transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void appChangesThroughThePagesAreRecordedWithWhoAndFromWhere() {
		Owner owner = newOwner();
		MvcTestResult registered = page(owner, "/apps", "name", "Acme CRM", "type", "confidential", "actsForPeople",
				"true", "actsOnWorkspace", "false", "redirectUris", REDIRECT_URI, "scopes", "contacts.read",
				"tokenFormat", "OPAQUE", "accessTokenMinutes", "15");
		String clientId = registered.getResponse().getRedirectedUrl().substring("/apps/".length());
		String secret = (String) registered.getMvcResult().getFlashMap().get("newSecret");

		assertThat(events("app.registered", clientId)).singleElement().satisfies((event) -> {
			assertThat(event.outcome()).isEqualTo("success");
			assertThat(event.actor()).isEqualTo(owner.email());
			assertThat(event.workspace()).isEqualTo(owner.workspace());
			assertThat(event.app()).isEqualTo(this.apps.byClientId(clientId).orElseThrow().id());
			assertThat(event.ip()).isEqualTo("203.0.113.10");
			assertThat(event.userAgent()).isEqualTo(FIREFOX);
			assertThat(event.detail()).isEqualTo("Acme CRM (%s) registered".formatted(clientId));
			assertThat(event.count()).isOne();
		});
		assertThat(events("secret.created", clientId)).singleElement()
			.satisfies((event) -> assertThat(event.detail())
				.isEqualTo("Client secret %s… of Acme CRM (%s) created".formatted(secret.substring(0, 8), clientId)));

		page(owner, "/apps/" + clientId + "/secrets", "graceSeconds", "3600");
		assertThat(events("secret.rotated", clientId)).singleElement().satisfies((event) -> {
			assertThat(event.actor()).isEqualTo(owner.email());
			assertThat(event.detail()).startsWith("New client secret mgs_")
				.contains("for Acme CRM (%s); the previous ones work until ".formatted(clientId));
		});
		page(owner, "/apps/" + clientId + "/secrets/" + secretIdOf(secret) + "/revoke", "force", "true");
		assertThat(events("secret.revoked", clientId)).singleElement()
			.satisfies((event) -> assertThat(event.detail())
				.isEqualTo("Client secret %s… of Acme CRM (%s) revoked".formatted(secret.substring(0, 8), clientId)));

		page(owner, "/apps/" + clientId + "/suspend");
		page(owner, "/apps/" + clientId + "/resume");
		page(owner, "/apps/" + clientId + "/delete");

		assertThat(events("app.suspended", clientId)).singleElement()
			.satisfies((event) -> assertThat(event.detail()).contains("suspended; every token it held was revoked"));
		assertThat(events("app.resumed", clientId)).singleElement()
			.satisfies((event) -> assertThat(event.actor()).isEqualTo(owner.email()));
		assertThat(events("app.deleted", clientId)).singleElement().satisfies((event) -> {
			assertThat(event.workspace()).as("the event carries the gone app's workspace").isEqualTo(owner.workspace());
			assertThat(event.detail()).isEqualTo(clientId + " deleted, with every token it held");
		});
		assertThat(eventsOf(owner.workspace())).extracting(AuditEntry::detail)
			.noneSatisfy((detail) -> assertThat(detail).contains(secret));
	}

	@Test
	void appChangesThroughTheApiNameTheCallingAppOrThePersonItActsFor() {
		Owner owner = newOwner();
		RegisteredApp robot = serviceApp(owner.workspace(), "apps.manage");
		String robotToken = clientCredentialsToken(robot, "apps.manage");
		Map<String, Object> created = OAuthFlows.json(api("POST", "/api/v1/apps", robotToken, """
				{"client_name": "Ledger Sync", "grant_types": ["client_credentials"], "scope": "contacts.read"}"""));
		String clientId = (String) created.get("client_id");

		api("PUT", "/api/v1/apps/" + clientId, robotToken, """
				{"client_name": "Ledger Sync 2", "grant_types": ["client_credentials"], "scope": "contacts.read"}""");
		api("POST", "/api/v1/apps/" + clientId + "/suspend", personsToken(owner, "apps.manage"), "{}");

		assertThat(events("app.registered", clientId)).singleElement().satisfies((event) -> {
			assertThat(event.actor()).isEqualTo(robot.app().clientId());
			assertThat(event.ip()).isEqualTo("203.0.113.10");
		});
		assertThat(events("app.updated", clientId)).singleElement().satisfies((event) -> {
			assertThat(event.actor()).isEqualTo(robot.app().clientId());
			assertThat(event.detail()).isEqualTo("Settings of Ledger Sync 2 (%s) changed".formatted(clientId));
		});
		assertThat(events("app.suspended", clientId)).singleElement()
			.satisfies((event) -> assertThat(event.actor()).as("the person the token acts for, by email")
				.isEqualTo(owner.email()));
		assertThat(eventsOf(owner.workspace())).extracting(AuditEntry::detail)
			.noneSatisfy((detail) -> assertThat(detail).contains((String) created.get("client_secret")));
	}

	@Test
	void consentIsRecordedInTheWorkspaceOfThePersonWhoGaveIt() {
		RegisteredApp app = codeApp(this.accounts.bootstrapWorkspace().orElseThrow(), "contacts.read contacts.write");
		Owner person = newOwner();

		consent(person, app, "contacts.read contacts.write");

		assertThat(events("consent.granted", app.app().clientId())).singleElement().satisfies((event) -> {
			assertThat(event.actor()).isEqualTo(person.email());
			assertThat(event.workspace()).isEqualTo(person.workspace());
			assertThat(event.app()).isEqualTo(app.app().id());
			assertThat(event.ip()).isEqualTo("203.0.113.10");
			assertThat(event.userAgent()).isEqualTo(FIREFOX);
			assertThat(event.detail()).isEqualTo("%s gave CRM Connector (%s) access to contacts.read, contacts.write"
				.formatted(person.email(), app.app().clientId()));
		});
	}

	@Test
	void signInsAreRecordedSucceededOrFailed() {
		Owner owner = newOwner();
		String stranger = "nobody-" + UUID.randomUUID() + "@example.com";

		signIn(owner.email(), "not the password", "198.51.100.21");
		signIn(owner.email(), OAuthFlows.PASSWORD, "198.51.100.21");
		signIn(stranger, "whatever it is", "198.51.100.22");
		signIn("my secret passphrase", "oops", "198.51.100.23");

		assertThat(rows("kind = 'signin.failed' and actor = ?", owner.email())).singleElement().satisfies((event) -> {
			assertThat(event.outcome()).isEqualTo("failure");
			assertThat(event.workspace()).isEqualTo(owner.workspace());
			assertThat(event.ip()).isEqualTo("198.51.100.21");
			assertThat(event.userAgent()).isEqualTo(FIREFOX);
			assertThat(event.detail()).isEqualTo("Sign-in as %s failed".formatted(owner.email()));
		});
		assertThat(rows("kind = 'signin.succeeded' and actor = ?", owner.email())).singleElement()
			.satisfies((event) -> {
				assertThat(event.outcome()).isEqualTo("success");
				assertThat(event.workspace()).isEqualTo(owner.workspace());
				assertThat(event.detail()).isEqualTo(owner.email() + " signed in");
			});
		assertThat(rows("kind = 'signin.failed' and actor = ?", stranger)).singleElement().satisfies((event) -> {
			assertThat(event.workspace()).as("an unknown email belongs to no workspace").isNull();
			assertThat(event.detail()).endsWith("no account has this email");
		});
		assertThat(rows("kind = 'signin.failed' and ip = '198.51.100.23'")).singleElement().satisfies((event) -> {
			assertThat(event.actor()).as("what was typed may be a password").isNull();
			assertThat(event.detail()).doesNotContain("passphrase");
		});
	}

	@Test
	void failedClientAuthenticationIsRecordedInTheAppsWorkspaceOrInNone() {
		Owner owner = newOwner();
		RegisteredApp app = serviceApp(owner.workspace(), "contacts.read");
		String unknown = "mgapp-nobody" + UUID.randomUUID().toString().substring(0, 8);

		tokenRequest(app.app().clientId(), "mgs_wrong", "192.0.2.30");
		tokenRequest(unknown, "mgs_whatever", "192.0.2.31");

		assertThat(events("client_auth.failed", app.app().clientId())).singleElement().satisfies((event) -> {
			assertThat(event.outcome()).isEqualTo("failure");
			assertThat(event.actor()).isEqualTo(app.app().clientId());
			assertThat(event.workspace()).isEqualTo(owner.workspace());
			assertThat(event.app()).isEqualTo(app.app().id());
			assertThat(event.ip()).isEqualTo("192.0.2.30");
			assertThat(event.userAgent()).isEqualTo(FIREFOX);
			assertThat(event.detail())
				.isEqualTo("Client authentication as Ops Robot (%s) failed".formatted(app.app().clientId()));
		});
		assertThat(events("client_auth.failed", unknown)).singleElement().satisfies((event) -> {
			assertThat(event.workspace()).isNull();
			assertThat(event.app()).isNull();
			assertThat(event.detail()).isEqualTo("Client authentication failed: no app has the client ID " + unknown);
		});
	}

	@Test
	void refreshTokenReuseIsRecordedAsRefusedInThePersonsWorkspace() {
		RegisteredApp app = codeApp(this.accounts.bootstrapWorkspace().orElseThrow(), "contacts.read");
		Owner person = newOwner();
		Map<String, Object> tokens = tokens(person, app, "contacts.read");
		String spent = (String) tokens.get("refresh_token");
		this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "refresh_token", "refresh_token",
				spent);

		// RFC 9700 §4.14.2: the reuse of a rotated refresh token revokes the grant
		assertThat(this.mvc.post()
			.uri("/oauth2/token")
			.with(httpBasic(app.app().clientId(), app.clientSecret()))
			.with(from("192.0.2.40"))
			.param("grant_type", "refresh_token")
			.param("refresh_token", spent)).hasStatus(HttpStatus.BAD_REQUEST);

		assertThat(events("refresh_token.reused", app.app().clientId())).singleElement().satisfies((event) -> {
			assertThat(event.outcome()).isEqualTo("refused");
			assertThat(event.actor()).isEqualTo(app.app().clientId());
			assertThat(event.workspace()).isEqualTo(person.workspace());
			assertThat(event.ip()).isEqualTo("192.0.2.40");
			assertThat(event.detail()).contains("A refresh token " + person.email() + " gave CRM Connector",
					"The grant and every token issued under it were revoked");
		});
		assertThat(eventsOf(person.workspace())).extracting(AuditEntry::detail)
			.noneSatisfy((detail) -> assertThat(detail).contains(spent));
	}

	@Test
	void revocationByTheAppIsRecorded() {
		Owner owner = newOwner();
		RegisteredApp app = serviceApp(owner.workspace(), "contacts.read");
		String token = clientCredentialsToken(app, "contacts.read");

		// RFC 7009 §2.1
		assertThat(this.mvc.post()
			.uri("/oauth2/revoke")
			.with(httpBasic(app.app().clientId(), app.clientSecret()))
			.with(from("192.0.2.50"))
			.param("token", token)).hasStatusOk();

		assertThat(events("token.revoked", app.app().clientId())).singleElement().satisfies((event) -> {
			assertThat(event.actor()).isEqualTo(app.app().clientId());
			assertThat(event.workspace()).isEqualTo(owner.workspace());
			assertThat(event.ip()).isEqualTo("192.0.2.50");
			assertThat(event.detail()).doesNotContain(token)
				.isEqualTo("Ops Robot (%s) revoked one of its tokens at the revocation endpoint (RFC 7009)"
					.formatted(app.app().clientId()));
		});
	}

	@Test
	void aRetiredSecretPresentedAgainIsRecordedAsRefused() {
		Owner owner = newOwner();
		RegisteredApp app = serviceApp(owner.workspace(), "apps.manage");
		String token = clientCredentialsToken(app, "apps.manage");
		api("POST", "/api/v1/apps/" + app.app().clientId() + "/secrets", token, "{\"grace_period_seconds\": 0}");

		tokenRequest(app.app().clientId(), app.clientSecret(), "192.0.2.60");

		assertThat(events("secret.retired_used", app.app().clientId())).singleElement().satisfies((event) -> {
			assertThat(event.outcome()).isEqualTo("refused");
			assertThat(event.workspace()).isEqualTo(owner.workspace());
			assertThat(event.ip()).isEqualTo("192.0.2.60");
			assertThat(event.detail()).startsWith("Client secret " + app.clientSecret().substring(0, 8) + "… of Ops")
				.contains("was presented, though it stopped working on");
		});
		assertThat(events("secret.rotated", app.app().clientId())).singleElement()
			.satisfies((event) -> assertThat(event.detail()).endsWith("the previous ones were revoked"));
	}

	@Test
	void aLeakedSecretReportedByAScannerIsRecorded() {
		Owner owner = newOwner();
		RegisteredApp app = serviceApp(owner.workspace(), "contacts.read");

		this.apps.revokeLeakedSecret(app.clientSecret(), "test-scanner", "https://github.com/acme/app/blob/main/.env");

		assertThat(events("secret.leaked", app.app().clientId())).singleElement().satisfies((event) -> {
			assertThat(event.actor()).isEqualTo("test-scanner");
			assertThat(event.workspace()).isEqualTo(owner.workspace());
			assertThat(event.detail()).doesNotContain(app.clientSecret())
				.endsWith("reported public by test-scanner at https://github.com/acme/app/blob/main/.env; "
						+ "it was revoked at once");
		});
	}

	@Test
	void aRevokedGrantIsRecordedInTheWorkspaceItNames() {
		Owner owner = newOwner();
		RegisteredApp app = serviceApp(owner.workspace(), "contacts.read");

		// Published by the connected apps page and API (oauth), here as they publish it.
		this.events.publishEvent(
				new OAuthEvents.GrantRevoked(app.app().id(), app.app().clientId(), owner.email(), owner.workspace(),
						"user:" + this.accounts.personByEmail(owner.email()).orElseThrow().id(), Instant.now()));

		assertThat(events("grant.revoked", app.app().clientId())).singleElement().satisfies((event) -> {
			assertThat(event.actor()).isEqualTo(owner.email());
			assertThat(event.workspace()).isEqualTo(owner.workspace());
			assertThat(event.detail())
				.isEqualTo("Access of %s to Ops Robot (%s) revoked, with every token issued under it"
					.formatted(owner.email(), app.app().clientId()));
		});
	}

	@Test
	void anActionRolledBackLeavesNoRow() {
		Owner owner = newOwner();
		RegisteredApp kept = this.transactions.execute((status) -> serviceApp(owner.workspace(), "contacts.read"));
		RegisteredApp undone = this.transactions.execute((status) -> {
			RegisteredApp app = serviceApp(owner.workspace(), "contacts.read");
			status.setRollbackOnly();
			return app;
		});

		assertThat(events("app.registered", kept.app().clientId())).hasSize(1);
		assertThat(this.apps.byClientId(undone.app().clientId())).isEmpty();
		assertThat(events("app.registered", undone.app().clientId())).isEmpty();
		assertThat(events("secret.created", undone.app().clientId())).isEmpty();
	}

	@Test
	void appsMailgateBringsAlongAtStartUpWereRegisteredBySystem() {
		assertThat(events("app.registered", "mailgate-api-docs")).singleElement().satisfies((event) -> {
			assertThat(event.actor()).isEqualTo("system");
			assertThat(event.ip()).isNull();
			assertThat(event.userAgent()).isNull();
		});
	}

	private MvcTestResult page(Owner owner, String path, String... params) {
		var request = this.mvc.post().uri(path).session(owner.session()).with(csrf()).with(from("203.0.113.10"));
		for (int i = 0; i + 1 < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		MvcTestResult result = request.exchange();
		assertThat(result).hasStatus(HttpStatus.FOUND);
		return result;
	}

	private MvcTestResult api(String method, String path, String token, String json) {
		MvcTestResult result = this.mvc.method(HttpMethod.valueOf(method))
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.with(from("203.0.113.10"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
		assertThat(result.getResponse().getStatus()).isLessThan(300);
		return result;
	}

	private void signIn(String email, String password, String address) {
		this.mvc.post()
			.uri("/login")
			.with(csrf())
			.with(from(address))
			.param("email", email)
			.param("password", password)
			.exchange();
	}

	private void tokenRequest(String clientId, String secret, String address) {
		assertThat(this.mvc.post()
			.uri("/oauth2/token")
			.with(httpBasic(clientId, secret))
			.with(from(address))
			.param("grant_type", "client_credentials")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	private String secretIdOf(String secret) {
		return this.jdbc.sql("select id from apps_client_secrets where display_prefix = ? and last_four = ?")
			.params(secret.substring(0, 8), secret.substring(secret.length() - 4))
			.query(UUID.class)
			.single()
			.toString();
	}

	private RegisteredApp codeApp(WorkspaceId workspace, String scope) {
		return this.apps.register(workspace,
				ClientMetadata.toNewApp(Map.of("client_name", "CRM Connector", "redirect_uris", List.of(REDIRECT_URI),
						"grant_types", List.of("authorization_code", "refresh_token"), "scope", scope)),
				false);
	}

	/**
	 * Asks the person for consent and approves it, from a known address and browser.
	 */
	private MvcTestResult consent(Owner person, RegisteredApp app, String scope) {
		Pkce pkce = OAuthFlows.pkce();
		MvcTestResult authorization = this.flows.authorize(person.session(), app.app().clientId(), REDIRECT_URI, scope,
				"state-" + UUID.randomUUID(), pkce);
		MultiValueMap<String, String> consentPage = OAuthFlows.query(authorization.getResponse().getRedirectedUrl());
		return this.mvc.post()
			.uri("/oauth2/authorize")
			.session(person.session())
			.with(csrf())
			.with(from("203.0.113.10"))
			.param("client_id", consentPage.getFirst("client_id"))
			.param("state", consentPage.getFirst("state"))
			.param("scope", scope.split(" "))
			.exchange();
	}

	private Map<String, Object> tokens(Owner person, RegisteredApp app, String scope) {
		Pkce pkce = OAuthFlows.pkce();
		String code = this.flows.code(person.session(), app.app().clientId(), REDIRECT_URI, scope, pkce);
		return this.flows.exchange(app.app().clientId(), app.clientSecret(), code, REDIRECT_URI, pkce);
	}

	/**
	 * An access token that acts for the person, through the authorization code flow.
	 */
	private String personsToken(Owner person, String scope) {
		return (String) tokens(person, codeApp(person.workspace(), scope), scope).get("access_token");
	}

}
