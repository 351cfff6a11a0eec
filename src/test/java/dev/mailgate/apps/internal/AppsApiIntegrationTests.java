package dev.mailgate.apps.internal;

import java.util.List;
import java.util.Map;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * {@code /api/v1/apps}: registering, rotating and revoking secrets, suspending, through
 * the API.
 */
class AppsApiIntegrationTests extends IntegrationTestSupport {

	static final String APP = """
			{"client_name": "Ledger Sync", "grant_types": ["client_credentials"], "scope": "contacts.read",
			 "client_uri": "https://ledger.example.com"}""";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SecretUsage usage;

	@Autowired
	Apps apps;

	@Autowired
	Accounts accounts;

	OAuthFlows flows;

	String admin;

	@BeforeEach
	void adminToken() {
		this.flows = new OAuthFlows(this.mvc);
		this.admin = (String) this.flows.clientCredentials(BOOTSTRAP_CLIENT_ID, BOOTSTRAP_CLIENT_SECRET, "apps.manage")
			.get("access_token");
	}

	@Test
	void registeringAConfidentialAppAnswersItsSecretOnceAndStoresOnlyItsHash() {
		Map<String, Object> app = create(APP);

		String secret = (String) app.get("client_secret");
		assertThat(secret).startsWith("mgs_").hasSize(53);
		assertThat(this.jdbc.sql("select count(*) from apps_client_secrets where secret_hash = ? or display_prefix = ?")
			.params(secret, secret)
			.query(Long.class)
			.single()).isZero();
		assertThat(get("/api/v1/apps/" + app.get("client_id"))).hasStatusOk()
			.bodyJson()
			.doesNotHavePath("$.client_secret")
			.hasPathSatisfying("$.client_name", (name) -> assertThat(name).isEqualTo("Ledger Sync"));
	}

	@Test
	void rotationKeepsTheOldSecretValidDuringTheGracePeriodThenRevokingItEndsIt() {
		Map<String, Object> app = create(APP);
		String clientId = (String) app.get("client_id");
		String first = (String) app.get("client_secret");
		assertThat(works(clientId, first)).isTrue();

		Map<String, Object> rotated = OAuthFlows
			.json(post("/api/v1/apps/" + clientId + "/secrets", "{\"grace_period_seconds\": 604800}"));
		String second = (String) rotated.get("client_secret");

		assertThat(works(clientId, first)).isTrue();
		assertThat(works(clientId, second)).isTrue();
		List<Map<String, Object>> secrets = secrets(clientId);
		assertThat(secrets).hasSize(2).allSatisfy((secret) -> assertThat(secret).containsEntry("status", "active"));
		String firstId = (String) secrets.stream()
			.filter((secret) -> first.startsWith((String) secret.get("prefix")))
			.findFirst()
			.orElseThrow()
			.get("id");

		MvcTestResult refused = delete("/api/v1/apps/" + clientId + "/secrets/" + firstId);
		assertThat(refused).hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.hasPathSatisfying("$.last_used_at", (at) -> assertThat(at).isNotNull())
			.hasPathSatisfying("$.last_used_ip", (ip) -> assertThat(ip).isEqualTo("127.0.0.1"));
		assertThat(delete("/api/v1/apps/" + clientId + "/secrets/" + firstId + "?force=true"))
			.hasStatus(HttpStatus.NO_CONTENT);

		assertThat(works(clientId, first)).isFalse();
		assertThat(works(clientId, second)).isTrue();
	}

	@Test
	void rotationWithoutGraceRevokesTheOldSecretAtOnce() {
		Map<String, Object> app = create(APP);
		String clientId = (String) app.get("client_id");

		String second = (String) OAuthFlows
			.json(post("/api/v1/apps/" + clientId + "/secrets", "{\"grace_period_seconds\": 0}"))
			.get("client_secret");

		assertThat(works(clientId, (String) app.get("client_secret"))).isFalse();
		assertThat(works(clientId, second)).isTrue();
	}

	@Test
	void anAppHoldsAtMostThreeActiveSecrets() {
		String clientId = (String) create(APP).get("client_id");
		post("/api/v1/apps/" + clientId + "/secrets", "{}");
		post("/api/v1/apps/" + clientId + "/secrets", "{}");

		assertThat(post("/api/v1/apps/" + clientId + "/secrets", "{}")).hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.hasPathSatisfying("$.detail", (detail) -> assertThat(detail).asString().contains("revoke one first"));
	}

	@Test
	void suspendingRevokesEveryTokenAndResumingDoesNotBringThemBack() {
		Map<String, Object> app = create(APP);
		String clientId = (String) app.get("client_id");
		String secret = (String) app.get("client_secret");
		String token = (String) this.flows.clientCredentials(clientId, secret, "contacts.read").get("access_token");

		assertThat(post("/api/v1/apps/" + clientId + "/suspend", "")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.status", (status) -> assertThat(status).isEqualTo("suspended"));
		assertThat(me(token)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(works(clientId, secret)).isFalse();

		post("/api/v1/apps/" + clientId + "/resume", "");
		assertThat(me(token)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(works(clientId, secret)).isTrue();
	}

	@Test
	void workspacePolicyLimitsSecretAgeAndFlagsSecretsNearExpiry() {
		String email = uniqueEmail();
		var person = this.flows.newPerson(email);
		WorkspaceId workspace = this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(email).orElseThrow().id())
			.orElseThrow();
		var registered = this.apps.register(workspace, ClientMetadata.toNewApp(
				Map.of("client_name", "Aging", "grant_types", List.of("client_credentials"), "scope", "contacts.read")),
				false);
		assertThat(this.mvc.get().uri("/apps").session(person)).bodyText().doesNotContain("expire soon");

		assertThat(this.mvc.post().uri("/apps/policy").session(person).with(csrf()).param("maxSecretAgeDays", "1"))
			.hasStatus(HttpStatus.FOUND);

		// the existing secret keeps at least the 14-day notice, and is flagged
		assertThat(this.mvc.get().uri("/apps").session(person)).bodyText()
			.contains("Client secrets expire soon", "Aging", registered.clientSecret().substring(0, 8));
		assertThat(this.jdbc.sql("select count(*) from apps_client_secrets where app_id = ? and expires_at is not null")
			.param(registered.app().id().value())
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void policyThroughTheApiGivesNewSecretsAnExpiry() {
		assertThat(put("/api/v1/apps/policy", "{\"max_secret_age_days\": 90}")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.max_secret_age_days", (days) -> assertThat(days).isEqualTo(90));
		String clientId = (String) create(APP).get("client_id");

		assertThat(secrets(clientId)).singleElement()
			.satisfies((secret) -> assertThat(secret.get("expires_at")).isNotNull());
		assertThat(put("/api/v1/apps/policy", "{\"max_secret_age_days\": null}")).hasStatusOk();
		assertThat(put("/api/v1/apps/policy", "{\"max_secret_age_days\": 0}")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void anotherWorkspacesAppIsNotFound() {
		String email = uniqueEmail();
		this.flows.newPerson(email);
		WorkspaceId theirs = this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(email).orElseThrow().id())
			.orElseThrow();
		String theirApp = this.apps
			.register(theirs,
					ClientMetadata.toNewApp(Map.of("client_name", "Theirs", "grant_types",
							List.of("client_credentials"), "scope", "contacts.read")),
					false)
			.app()
			.clientId();

		assertThat(get("/api/v1/apps/" + theirApp)).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(delete("/api/v1/apps/" + theirApp)).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.apps.byClientId(theirApp)).isPresent();
	}

	@Test
	void invalidMetadataIsA400ProblemNamingTheField() {
		assertThat(post("/api/v1/apps", """
				{"client_name": "Bad", "redirect_uris": ["http://evil.example.com/cb"]}"""))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.field", (field) -> assertThat(field).isEqualTo("redirect_uris"));
		assertThat(post("/api/v1/apps", "{\"client_name\": \"\", \"grant_types\": [\"client_credentials\"]}"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.field", (field) -> assertThat(field).isEqualTo("client_name"));
		assertThat(post("/api/v1/apps", "{oops")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void tokenWithoutAppsManageIsForbidden() {
		String token = (String) this.flows
			.clientCredentials(BOOTSTRAP_CLIENT_ID, BOOTSTRAP_CLIENT_SECRET, "contacts.read")
			.get("access_token");

		assertThat(this.mvc.get().uri("/api/v1/apps").header("Authorization", "Bearer " + token))
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	private Map<String, Object> create(String json) {
		MvcTestResult result = post("/api/v1/apps", json);
		assertThat(result).hasStatus(HttpStatus.CREATED);
		return OAuthFlows.json(result);
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> secrets(String clientId) {
		return (List<Map<String, Object>>) OAuthFlows.json(get("/api/v1/apps/" + clientId + "/secrets")).get("data");
	}

	private boolean works(String clientId, String secret) {
		boolean works = this.flows.token(clientId, secret, "grant_type", "client_credentials")
			.getResponse()
			.getStatus() == 200;
		this.usage.flush();
		return works;
	}

	private MvcTestResult me(String token) {
		return this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + token).exchange();
	}

	private MvcTestResult get(String path) {
		return this.mvc.get().uri(path).header("Authorization", "Bearer " + this.admin).exchange();
	}

	private MvcTestResult post(String path, String json) {
		return this.mvc.post()
			.uri(path)
			.header("Authorization", "Bearer " + this.admin)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	private MvcTestResult put(String path, String json) {
		return this.mvc.put()
			.uri(path)
			.header("Authorization", "Bearer " + this.admin)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	private MvcTestResult delete(String path) {
		return this.mvc.delete().uri(path).header("Authorization", "Bearer " + this.admin).exchange();
	}

}
