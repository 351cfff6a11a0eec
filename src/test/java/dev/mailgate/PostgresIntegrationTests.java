package dev.mailgate;

import java.util.List;
import java.util.Map;

import dev.mailgate.platform.CredentialFormat;
import dev.mailgate.support.MockMvcSessionCookies;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.OAuthFlows.Pkce;
import dev.mailgate.support.RequiresPostgres;
import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The whole application on PostgreSQL, as production runs it: Flyway migrates an empty
 * schema, bootstrap runs, and a person can sign up and sign in. The second (and last)
 * application context of the suite.
 */
@RequiresPostgres
@SpringBootTest(
		properties = { "mailgate.data.dir=target/it-data/${random.uuid}", "mailgate.bootstrap.client.id=pg-automation",
				"mailgate.bootstrap.client.secret=bootstrap-secret-of-at-least-32-characters" })
@AutoConfigureMockMvc
@Import(MockMvcSessionCookies.class)
class PostgresIntegrationTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		String schema = TestDatabase.newPostgresSchema();
		registry.add("spring.datasource.url", () -> TestDatabase.postgresUrl(schema));
		registry.add("spring.datasource.username", () -> TestDatabase.POSTGRES_USER);
		registry.add("spring.datasource.password", () -> TestDatabase.POSTGRES_PASSWORD);
		// campaigns: the suite's GreenMail, for a send on PostgreSQL
		registry.add("mailgate.smtp.host", () -> "127.0.0.1");
		registry.add("mailgate.smtp.port", () -> IntegrationTestSupport.SMTP.getSmtp().getPort());
		registry.add("mailgate.smtp.starttls", () -> "false");
	}

	@Test
	void runsOnPostgresqlWithEveryMigrationApplied() {
		assertThat(this.jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
		assertThat(this.jdbc.sql("select count(*) from flyway_schema_history where success").query(Long.class).single())
			.isEqualTo(this.jdbc.sql("select count(*) from flyway_schema_history").query(Long.class).single())
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void bootstrapCreatedTheGeneratedAdministratorAndTheClientInItsWorkspace() {
		assertThat(this.jdbc.sql("""
				select count(*) from apps_apps a
				join accounts_memberships m on m.workspace_id = a.workspace_id and m.role = 'OWNER'
				join accounts_users u on u.id = m.user_id
				where a.client_id = 'pg-automation' and u.email = 'admin@localhost' and u.platform_admin""")
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void oauthFlowsRunOnPostgresql() {
		OAuthFlows flows = new OAuthFlows(this.mvc);
		Map<String, Object> app = registeredApp(flows);
		String clientId = (String) app.get("client_id");
		String secret = (String) app.get("client_secret");
		MockHttpSession person = flows.newPerson("pg-oauth@example.com");
		Pkce pkce = OAuthFlows.pkce();
		String code = flows.code(person, clientId, "https://crm.example.com/cb", "contacts.read", pkce);

		Map<String, Object> tokens = flows.exchange(clientId, secret, code, "https://crm.example.com/cb", pkce);
		Map<String, Object> refreshed = OAuthFlows.json(flows.token(clientId, secret, "grant_type", "refresh_token",
				"refresh_token", (String) tokens.get("refresh_token")));

		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + refreshed.get("access_token")))
			.hasStatusOk();
		assertThat(flows.token(clientId, secret, "grant_type", "refresh_token", "refresh_token",
				(String) tokens.get("refresh_token")))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + refreshed.get("access_token")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	@SuppressWarnings("unchecked")
	void contactsBatchListingAndConditionalWritesRunOnPostgresql() {
		OAuthFlows flows = new OAuthFlows(this.mvc);
		String token = (String) flows
			.clientCredentials("pg-automation", "bootstrap-secret-of-at-least-32-characters",
					"contacts.read contacts.write")
			.get("access_token");
		send(token, "POST", "/api/v1/fields", "{\"key\": \"score\", \"type\": \"number\"}");
		String list = (String) OAuthFlows.json(send(token, "POST", "/api/v1/lists", "{\"name\": \"PG\"}")).get("id");
		StringBuilder batch = new StringBuilder("{\"contacts\": [");
		for (int i = 0; i < 300; i++) {
			batch.append((i > 0) ? "," : "")
				.append("{\"email\": \"pg")
				.append(i)
				.append("@example.com\", \"tags\": [\"pg\"], \"fields\": {\"score\": ")
				.append(i)
				.append("}, \"lists\": [\"")
				.append(list)
				.append("\"]}");
		}
		batch.append(", {\"email\": \"pg1@example.com\"}, {\"email\": \"bad\"}]}");

		Map<String, Object> result = OAuthFlows.json(send(token, "POST", "/api/v1/contacts/batch", batch.toString()));
		Map<String, Object> again = OAuthFlows.json(send(token, "POST", "/api/v1/contacts/batch",
				"{\"contacts\": [{\"email\": \"PG7@example.com\", \"first_name\": \"Seven\"}]}"));

		assertThat(result).containsEntry("created", 300).containsEntry("errors", 2);
		assertThat(again).containsEntry("updated", 1);
		Map<String, Object> page = OAuthFlows.json(this.mvc.get()
			.uri("/api/v1/contacts?limit=250&tag=PG&list=" + list)
			.header("Authorization", "Bearer " + token)
			.exchange());
		assertThat((List<Object>) page.get("data")).hasSize(250);
		assertThat(page.get("next_cursor")).isNotNull();
		Map<String, Object> rest = OAuthFlows.json(this.mvc.get()
			.uri("/api/v1/contacts?limit=250&tag=PG&list=" + list + "&cursor=" + page.get("next_cursor"))
			.header("Authorization", "Bearer " + token)
			.exchange());
		assertThat(ids(rest)).as("the rest of a batch that shares one change time")
			.hasSize(50)
			.doesNotContainAnyElementsOf(ids(page));
		assertThat(rest.get("next_cursor")).isNull();
		String vip = (String) OAuthFlows.json(send(token, "POST", "/api/v1/lists", "{\"name\": \"VIP\"}")).get("id");
		List<Object> first = ids(page).subList(0, 200);
		assertThat(send(token, "POST", "/api/v1/lists/" + vip + "/contacts",
				"{\"contact_ids\": [" + first.stream().map((id) -> "\"" + id + "\"").collect(joining(",")) + "]}"))
			.hasStatus(HttpStatus.NO_CONTENT);
		Map<String, Object> members = OAuthFlows.json(this.mvc.get()
			.uri("/api/v1/contacts?limit=250&list=" + vip)
			.header("Authorization", "Bearer " + token)
			.exchange());
		assertThat(ids(members)).as("a list's 200 new members").containsExactlyInAnyOrderElementsOf(first);
		var seven = this.mvc.get()
			.uri("/api/v1/contacts/pg7@example.com")
			.header("Authorization", "Bearer " + token)
			.exchange();
		assertThat(OAuthFlows.json(seven)).containsEntry("first_name", "Seven")
			.containsEntry("fields", Map.of("score", 7))
			.containsEntry("lists", List.of(list));
		assertThat(this.mvc.patch()
			.uri("/api/v1/contacts/" + OAuthFlows.json(seven).get("id"))
			.header("Authorization", "Bearer " + token)
			.header("If-Match", "\"1\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"last_name\": \"Stale\"}")).hasStatus(HttpStatus.PRECONDITION_FAILED);
	}

	@Test
	@SuppressWarnings("unchecked")
	void campaignDraftsStatesAndDeliveryRunOnPostgresql() throws Exception {
		OAuthFlows flows = new OAuthFlows(this.mvc);
		String token = (String) flows
			.clientCredentials("pg-automation", "bootstrap-secret-of-at-least-32-characters",
					"contacts.read contacts.write campaigns.read campaigns.write campaigns.send")
			.get("access_token");
		String list = (String) OAuthFlows.json(send(token, "POST", "/api/v1/lists", "{\"name\": \"PG readers\"}"))
			.get("id");
		send(token, "POST", "/api/v1/contacts/batch", """
				{"contacts": [{"email": "pg-reader1@pg-campaigns.example", "lists": ["%1$s"]},
				 {"email": "pg-reader2@pg-campaigns.example", "lists": ["%1$s"]}]}""".formatted(list));
		String campaign = """
				{"name": "PG news", "subject": "Hi {{first_name|there}}", "html_body": "<p>Hello</p>",
				 "from_email": "news@pg.example", "list_id": "%s"}""".formatted(list);
		String first = (String) OAuthFlows.json(send(token, "POST", "/api/v1/campaigns", campaign)).get("id");
		String second = (String) OAuthFlows.json(send(token, "POST", "/api/v1/campaigns", campaign)).get("id");

		assertThat(send(token, "PATCH", "/api/v1/campaigns/" + second, "{\"name\": \"PG news 2\"}")).hasStatusOk();
		assertThat(send(token, "POST", "/api/v1/campaigns/" + second + "/schedule",
				"{\"send_at\": \"2099-01-01T00:00:00Z\"}"))
			.hasStatusOk();
		assertThat(send(token, "POST", "/api/v1/campaigns/" + first + "/send", "{}")).hasStatusOk();
		java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
		while (!"sent".equals(OAuthFlows.json(
				this.mvc.get().uri("/api/v1/campaigns/" + first).header("Authorization", "Bearer " + token).exchange())
			.get("status")) && java.time.Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}

		Map<String, Object> page = OAuthFlows.json(this.mvc.get()
			.uri("/api/v1/campaigns?limit=1&status=sent")
			.header("Authorization", "Bearer " + token)
			.exchange());
		assertThat((List<Map<String, Object>>) page.get("data")).singleElement()
			.satisfies((sent) -> assertThat(sent).containsEntry("id", first).containsEntry("sent", 2));
		assertThat(OAuthFlows
			.json(this.mvc.get()
				.uri("/api/v1/campaigns?limit=1&cursor=" + second)
				.header("Authorization", "Bearer " + token)
				.exchange())
			.get("data")
			.toString()).contains(first);
	}

	private org.springframework.test.web.servlet.assertj.MvcTestResult send(String token, String method, String uri,
			String json) {
		return this.mvc.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(uri)
			.header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	private Map<String, Object> registeredApp(OAuthFlows flows) {
		String creator = (String) flows
			.clientCredentials("pg-automation", "bootstrap-secret-of-at-least-32-characters", "client.create")
			.get("access_token");
		return OAuthFlows.json(this.mvc.post()
			.uri("/oauth2/register")
			.header("Authorization", "Bearer " + creator)
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"client_name": "PG CRM", "redirect_uris": ["https://crm.example.com/cb"],
					 "grant_types": ["authorization_code", "refresh_token"], "scope": "contacts.read"}""")
			.exchange());
	}

	@Test
	void expiredGrantsAndRevocationsAreDeletedOnPostgresql() {
		OAuthFlows flows = new OAuthFlows(this.mvc);
		String secret = "bootstrap-secret-of-at-least-32-characters";
		String creator = (String) flows.clientCredentials("pg-automation", secret, "client.create").get("access_token");
		// a JWT app, whose client_credentials tokens are stored (signed opaque ones are
		// not)
		Map<String, Object> app = OAuthFlows.json(this.mvc.post()
			.uri("/oauth2/register")
			.header("Authorization", "Bearer " + creator)
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"client_name": "PG retention", "grant_types": ["client_credentials"], "scope": "contacts.read",
					 "access_token_format": "jwt"}""")
			.exchange());
		String clientId = (String) app.get("client_id");
		String clientSecret = (String) app.get("client_secret");
		String expired = (String) flows.clientCredentials(clientId, clientSecret, "contacts.read").get("access_token");
		String live = (String) flows.clientCredentials(clientId, clientSecret, "contacts.read").get("access_token");
		this.jdbc.sql("""
				update oauth_authorizations set created_at = now() - interval '3 days',
				access_issued_at = now() - interval '3 days', access_expires_at = now() - interval '2 days'
				where access_hash = ?""").param(CredentialFormat.sha256(expired)).update();
		// and a signed token revoked long ago, one revoked now
		String revokedLongAgo = (String) flows.clientCredentials("pg-automation", secret, "client.create")
			.get("access_token");
		assertThat(flows.post("/oauth2/revoke", "pg-automation", secret, "token", revokedLongAgo)).hasStatusOk();
		assertThat(flows.post("/oauth2/revoke", "pg-automation", secret, "token", creator)).hasStatusOk();
		this.jdbc.sql("update oauth_revoked_tokens set expires_at = now() - interval '2 days' where token_hash = ?")
			.param(CredentialFormat.sha256(revokedLongAgo))
			.update();

		// and two spent refresh tokens: one of a grant that is gone, one of the live
		// grant
		String liveId = this.jdbc.sql("select id from oauth_authorizations where access_hash = ?")
			.param(CredentialFormat.sha256(live))
			.query(String.class)
			.single();
		this.jdbc.sql("""
				insert into oauth_spent_refresh (hash_key, token_hash, authorization_id, spent_at)
				values (-7, 'gone', 'a-grant-that-is-gone', now()), (7, 'kept', ?, now())""").param(liveId).update();

		// oauth's GrantRetention is internal to its module: started as its schedule does
		Integer purged = ReflectionTestUtils.invokeMethod(this.context.getBean("grantRetention"), "purge");

		assertThat(purged).isPositive();
		assertThat(this.jdbc.sql("select count(*) from oauth_authorizations where access_hash in (?, ?)")
			.params(CredentialFormat.sha256(expired), CredentialFormat.sha256(live))
			.query(Long.class)
			.single()).isOne();
		assertThat(flows.post("/oauth2/introspect", clientId, clientSecret, "token", live)).bodyJson()
			.extractingPath("$.active")
			.isEqualTo(true);
		assertThat(this.jdbc.sql("select token_hash from oauth_revoked_tokens where token_hash in (?, ?)")
			.params(CredentialFormat.sha256(revokedLongAgo), CredentialFormat.sha256(creator))
			.query(String.class)
			.list()).containsExactly(CredentialFormat.sha256(creator));
		assertThat(this.jdbc.sql("select hash_key from oauth_spent_refresh where hash_key in (-7, 7)")
			.query(Long.class)
			.list()).containsExactly(7L);
	}

	@Test
	void personCanSignUpAndSignInAgain() {
		MvcTestResult signUp = this.mvc.post()
			.uri("/signup")
			.with(csrf())
			.param("email", "pg-user@example.com")
			.param("displayName", "Postgres Person")
			.param("password", "correct horse battery staple")
			.exchange();
		assertThat(signUp).hasRedirectedUrl("/?welcome");

		MvcTestResult signIn = this.mvc.post()
			.uri("/login")
			.with(csrf())
			.param("email", "pg-user@example.com")
			.param("password", "correct horse battery staple")
			.exchange();
		assertThat(signIn).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/");
		assertThat(this.mvc.get().uri("/").session((MockHttpSession) signIn.getRequest().getSession())).bodyText()
			.contains("Hello, Postgres Person", "Postgres Person&#39;s workspace");
	}

	@SuppressWarnings("unchecked")
	private static List<Object> ids(Map<String, Object> page) {
		return ((List<Map<String, Object>>) page.get("data")).stream().map((contact) -> contact.get("id")).toList();
	}

}
