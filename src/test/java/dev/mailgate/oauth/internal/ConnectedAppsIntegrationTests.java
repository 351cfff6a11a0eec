package dev.mailgate.oauth.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.platform.CacheEvictions;
import dev.mailgate.platform.CredentialFormat;
import dev.mailgate.support.OAuthFlows;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The connected apps page, the workspace's grants for its admins, {@code /api/v1/grants},
 * and revocation that reaches every node.
 */
class ConnectedAppsIntegrationTests extends OAuthTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	GrantUsage usage;

	@Autowired
	CacheEvictions evictions;

	@Test
	void revokingAConnectedAppStopsItsAccessAndRefreshTokensAtOnce() {
		RegisteredApp app = confidentialApp("contacts.read");
		String email = uniqueEmail();
		MockHttpSession person = this.flows.newPerson(email);
		Map<String, Object> tokens = grant(app, person, "contacts.read");
		String access = (String) tokens.get("access_token");
		assertThat(me(access)).hasStatusOk();
		assertThat(this.mvc.get().uri("/connected-apps").session(person)).bodyText()
			.contains("Acme CRM")
			.contains("See your contacts and lists");

		assertThat(
				this.mvc.post().uri("/connected-apps/{id}/revoke", app.app().clientId()).session(person).with(csrf()))
			.hasStatus(HttpStatus.FOUND)
			.flash()
			.containsEntry("notice",
					"Acme CRM no longer has access to your account. " + "Every token it held has stopped working.");

		// RFC 6750 §3.1: a revoked access token is invalid_token
		assertThat(me(access)).hasStatus(HttpStatus.UNAUTHORIZED).headers().satisfies(OAuthTestSupport::invalidToken);
		// RFC 6749 §5.2: a revoked refresh token is invalid_grant
		assertThat(this.flows.token(app.app().clientId(), app.clientSecret(), "grant_type", "refresh_token",
				"refresh_token", (String) tokens.get("refresh_token")))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("invalid_grant");
		assertThat(this.mvc.get().uri("/connected-apps").session(person)).bodyText()
			.contains("No connected apps")
			.doesNotContain("data-client-id=\"" + app.app().clientId());
		// revoked means asked again: the consent went with the tokens
		MvcTestResult again = this.flows.authorize(person, app.app().clientId(), REDIRECT_URI, "contacts.read", "s1",
				OAuthFlows.pkce());
		assertThat(again.getResponse().getRedirectedUrl()).contains("/oauth2/consent");
	}

	@Test
	void revokingOneAppLeavesThePersonsOtherAppsAndOtherPeopleAlone() {
		RegisteredApp crm = confidentialApp("contacts.read");
		RegisteredApp other = confidentialApp("contacts.read");
		MockHttpSession ada = this.flows.newPerson(uniqueEmail());
		MockHttpSession bob = this.flows.newPerson(uniqueEmail());
		String adaCrm = (String) grant(crm, ada, "contacts.read").get("access_token");
		String adaOther = (String) grant(other, ada, "contacts.read").get("access_token");
		String bobCrm = (String) grant(crm, bob, "contacts.read").get("access_token");

		this.mvc.post().uri("/connected-apps/{id}/revoke", crm.app().clientId()).session(ada).with(csrf()).exchange();

		assertThat(me(adaCrm)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(me(adaOther)).hasStatusOk();
		assertThat(me(bobCrm)).hasStatusOk();
	}

	@Test
	void revokeAsksForConfirmationFirst() {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		String access = (String) grant(app, person, "contacts.read").get("access_token");

		assertThat(this.mvc.get().uri("/connected-apps/{id}/revoke", app.app().clientId()).session(person))
			.hasStatusOk()
			.bodyText()
			.contains("Revoke Acme CRM&#39;s access?")
			.contains("Keep access");
		assertThat(me(access)).hasStatusOk();
	}

	@Test
	void aNewlyConnectedAppIsEmailedToThePersonButMoreScopesLaterAreNot() throws Exception {
		RegisteredApp app = confidentialApp("contacts.read contacts.write");
		String email = uniqueEmail();
		MockHttpSession person = this.flows.newPerson(email);
		grant(app, person, "contacts.read");

		MimeMessage message = awaitMailTo(email);
		assertThat(message.getSubject()).isEqualTo("New app connected to your Mailgate account: Acme CRM");
		assertThat(message.getContent().toString()).contains("See your contacts and lists")
			.contains(ISSUER + "/connected-apps")
			.doesNotContain("mga_")
			.doesNotContain("mgr_");

		grant(app, person, "contacts.read contacts.write");
		Thread.sleep(500);
		assertThat(mailsTo(email)).hasSize(1);
	}

	@Test
	void thePageShowsWhenAndFromWhichNetworkTheAppLastCalledTheApi() {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		String access = (String) grant(app, person, "contacts.read").get("access_token");
		assertThat(this.mvc.get().uri("/connected-apps").session(person)).bodyText().contains("Not used yet");

		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + access).with((request) -> {
			request.setRemoteAddr("203.0.113.77");
			return request;
		})).hasStatusOk();
		this.usage.flush();

		assertThat(this.mvc.get().uri("/connected-apps").session(person)).bodyText()
			.contains("Just now")
			.contains("from 203.0.113.0/24")
			.doesNotContain("203.0.113.77");
	}

	@Test
	void workspaceAdminsSeeAndRevokeTheGrantsOfTheirPeople() {
		RegisteredApp app = confidentialApp("contacts.read");
		String ownerEmail = uniqueEmail();
		MockHttpSession owner = this.flows.newPerson(ownerEmail);
		String memberEmail = uniqueEmail();
		MockHttpSession member = this.flows.newPerson(memberEmail);
		joinAsMember(memberEmail, ownerEmail);
		String access = (String) grant(app, member, "contacts.read").get("access_token");

		assertThat(this.mvc.get().uri("/security/grants").session(owner)).hasStatusOk()
			.bodyText()
			.contains("Acme CRM")
			.contains(memberEmail);
		assertThat(this.mvc.post()
			.uri("/security/grants/revoke")
			.param("client_id", app.app().clientId())
			.param("person", memberEmail)
			.session(owner)
			.with(csrf())).hasStatus(HttpStatus.FOUND)
			.flash()
			.containsEntry("notice", "Acme CRM no longer has access to " + memberEmail + "'s account.");

		assertThat(me(access)).hasStatus(HttpStatus.UNAUTHORIZED);
		// an admin action, in the audit log with who did it
		assertThat(this.jdbc.sql("select actor from audit_events where kind = 'grant.revoked' and client_id = ?")
			.param(app.app().clientId())
			.query(String.class)
			.list()).containsExactly(ownerEmail);
	}

	@Test
	void membersDoNotSeeTheWorkspacesGrantsAndAdminsCannotRevokeOutsideTheirWorkspace() {
		RegisteredApp app = confidentialApp("contacts.read");
		String ownerEmail = uniqueEmail();
		this.flows.newPerson(ownerEmail);
		String memberEmail = uniqueEmail();
		MockHttpSession member = this.flows.newPerson(memberEmail);
		joinAsMember(memberEmail, ownerEmail);
		assertThat(this.mvc.get().uri("/security/grants").session(member)).hasStatus(HttpStatus.FORBIDDEN);

		String strangerEmail = uniqueEmail();
		MockHttpSession stranger = this.flows.newPerson(strangerEmail);
		String access = (String) grant(app, stranger, "contacts.read").get("access_token");
		MockHttpSession otherAdmin = this.flows.newPerson(uniqueEmail());
		this.mvc.post()
			.uri("/security/grants/revoke")
			.param("client_id", app.app().clientId())
			.param("person", strangerEmail)
			.session(otherAdmin)
			.with(csrf())
			.exchange();
		assertThat(me(access)).hasStatusOk();
	}

	@Test
	void theGrantsApiListsAndRevokesThePersonsOwnApps() {
		RegisteredApp tool = confidentialApp("grants.manage");
		RegisteredApp crm = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		String toolToken = (String) grant(tool, person, "grants.manage").get("access_token");
		String crmToken = (String) grant(crm, person, "contacts.read").get("access_token");

		assertThat(api("GET", "/api/v1/grants", toolToken)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.data[*].client_id")
			.asArray()
			.containsExactlyInAnyOrder(tool.app().clientId(), crm.app().clientId());
		assertThat(api("GET", "/api/v1/grants", toolToken)).bodyJson()
			.extractingPath("$.data[?(@.client_id == '" + crm.app().clientId() + "')].scopes[0]")
			.asArray()
			.containsExactly("contacts.read");

		assertThat(api("DELETE", "/api/v1/grants/" + crm.app().clientId(), toolToken)).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(me(crmToken)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(api("DELETE", "/api/v1/grants/" + crm.app().clientId(), toolToken)).hasStatus(HttpStatus.NOT_FOUND)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Not connected");
	}

	@Test
	void theGrantsApiNeedsItsScopeAndAPersonsToken() {
		RegisteredApp app = confidentialApp("contacts.read grants.manage");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		String withoutScope = (String) grant(app, person, "contacts.read").get("access_token");
		String service = (String) this.flows
			.clientCredentials(app.app().clientId(), app.clientSecret(), "grants.manage")
			.get("access_token");

		// RFC 6750 §3.1: a token without the scope is insufficient_scope
		assertThat(api("GET", "/api/v1/grants", withoutScope)).hasStatus(HttpStatus.FORBIDDEN)
			.headers()
			.satisfies((headers) -> assertThat(headers.getFirst("WWW-Authenticate"))
				.contains("error=\"insufficient_scope\""));
		assertThat(api("GET", "/api/v1/grants", service)).hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Not a person's token");
	}

	@Test
	void aRevocationOnAnotherNodeReachesThisNodesCacheWithinASecond() throws Exception {
		RegisteredApp app = confidentialApp("contacts.read");
		MockHttpSession person = this.flows.newPerson(uniqueEmail());
		String access = (String) grant(app, person, "contacts.read").get("access_token");
		assertThat(me(access)).hasStatusOk();

		// Another node revokes: it deletes the grant in the shared database...
		this.jdbc.sql("delete from oauth_authorizations where registered_client_id = ?")
			.param(app.app().id().value())
			.update();
		// ...which this node does not see yet: the token is served from its cache
		assertThat(me(access)).hasStatusOk();
		// ...and writes the eviction, as every node's revocation does
		this.jdbc.sql("insert into platform_evictions (cache, cache_key, origin, at) values (?, ?, ?, ?)")
			.params(HashedAuthorizationService.ACCESS_CACHE, CredentialFormat.sha256(access), "another-node",
					Timestamp.from(Instant.now()))
			.update();

		long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
		int status;
		do {
			Thread.sleep(50);
			status = me(access).getResponse().getStatus();
		}
		while (status != 401 && System.nanoTime() < deadline);
		assertThat(status).as("refused within a second of the other node's revocation").isEqualTo(401);
	}

	@Test
	void coarseNetworksKeepTheFirstThreeOctetsOrTheFirst48Bits() {
		assertThat(GrantUsage.network("198.51.100.23")).isEqualTo("198.51.100.0/24");
		assertThat(GrantUsage.network("2001:db8:1:2::7")).isEqualTo("2001:db8:1::/48");
		assertThat(GrantUsage.network("not-an-address.example")).isNull();
		assertThat(GrantUsage.network(null)).isNull();
	}

	/**
	 * Moves the person into the owner's workspace as a member (Mailgate has no
	 * invitations yet), and evicts their default workspace as a membership change in
	 * accounts would.
	 */
	private void joinAsMember(String memberEmail, String ownerEmail) {
		UUID workspace = this.jdbc.sql("""
				select m.workspace_id from accounts_memberships m join accounts_users u on u.id = m.user_id
				where u.email = ?""").param(ownerEmail).query(UUID.class).single();
		UUID member = this.jdbc.sql("select id from accounts_users where email = ?")
			.param(memberEmail)
			.query(UUID.class)
			.single();
		this.jdbc.sql("update accounts_memberships set workspace_id = ?, role = 'MEMBER' where user_id = ?")
			.params(workspace, member)
			.update();
		this.evictions.evict(Accounts.DEFAULT_WORKSPACES, member.toString());
	}

	private MvcTestResult me(String token) {
		return api("GET", "/api/v1/me", token);
	}

	private MvcTestResult api(String method, String path, String token) {
		return switch (method) {
			case "DELETE" -> this.mvc.delete().uri(path).header("Authorization", "Bearer " + token).exchange();
			default -> this.mvc.get().uri(path).header("Authorization", "Bearer " + token).exchange();
		};
	}

	private static MimeMessage awaitMailTo(String email) throws Exception {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (System.nanoTime() < deadline) {
			List<MimeMessage> found = mailsTo(email);
			if (!found.isEmpty()) {
				return found.get(0);
			}
			SMTP.waitForIncomingEmail(200, SMTP.getReceivedMessages().length + 1);
		}
		throw new AssertionError("No email to " + email + " within 10 seconds");
	}

	private static List<MimeMessage> mailsTo(String email) throws Exception {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage message : SMTP.getReceivedMessages()) {
			if (Set.of(message.getAllRecipients()).stream().anyMatch((to) -> to.toString().equals(email))) {
				found.add(message);
			}
		}
		return found;
	}

}
