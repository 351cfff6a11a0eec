package dev.mailgate.audit.internal;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.mailgate.apps.AppId;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.support.OAuthFlows;
import dev.mailgate.support.OAuthFlows.Pkce;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * {@code GET /api/v1/audit-events}: scope {@code audit.read}, only for the workspace's
 * owners and admins or its own apps, filters, cursor paging and errors.
 */
class AuditEventsApiIntegrationTests extends AuditTestSupport {

	static final String REDIRECT_URI = "https://ops.example.com/callback";

	Owner owner;

	String robot;

	@BeforeEach
	void workspaceWithAnAuditReader() {
		this.owner = newOwner();
		this.robot = clientCredentialsToken(serviceApp(this.owner.workspace(), "audit.read"), "audit.read");
	}

	@Test
	void tokenWithoutAuditReadIsRefusedWithInsufficientScope() {
		String token = clientCredentialsToken(serviceApp(this.owner.workspace(), "contacts.read"), "contacts.read");

		// RFC 6750 §3.1
		assertThat(get("/api/v1/audit-events", token)).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.headers()
			.satisfies((headers) -> assertThat(headers.getFirst(HttpHeaders.WWW_AUTHENTICATE))
				.contains("error=\"insufficient_scope\""));
	}

	@Test
	void theWorkspacesOwnAppReadsItsEventsInSnakeCase() {
		this.mvc.post()
			.uri("/login")
			.with(csrf())
			.with(from("198.51.100.61"))
			.param("email", this.owner.email())
			.param("password", "not the password")
			.exchange();
		Owner other = newOwner();

		MvcTestResult listed = get("/api/v1/audit-events?kind=signin.failed", this.robot);

		assertThat(listed).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
		DocumentContext page = json(listed);
		assertThat(page.read("$.next_cursor", String.class)).isNull();
		List<Map<String, Object>> data = page.read("$.data");
		assertThat(data).singleElement().satisfies((event) -> {
			assertThat(event).containsEntry("kind", "signin.failed")
				.containsEntry("outcome", "failure")
				.containsEntry("actor", this.owner.email())
				.containsEntry("workspace_id", this.owner.workspace().toString())
				.containsEntry("app_id", null)
				.containsEntry("client_id", null)
				.containsEntry("ip", "198.51.100.61")
				.containsEntry("user_agent", FIREFOX)
				.containsEntry("detail", "Sign-in as %s failed".formatted(this.owner.email()))
				.containsEntry("count", 1)
				.containsKeys("id", "at");
			assertThat(Instant.parse((String) event.get("at"))).isBefore(Instant.now());
		});
		assertThat(listed).bodyText().doesNotContain(other.email());
	}

	@Test
	void aPersonsTokenReadsOnlyWhileThePersonAdministersTheWorkspace() {
		String token = personsToken("audit.read");
		assertThat(get("/api/v1/audit-events", token)).hasStatusOk();

		demoteToMember(this.owner.email());

		assertThat(get("/api/v1/audit-events", token)).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.detail", (detail) -> assertThat(detail)
				.isEqualTo("Only the workspace's owners and admins may read its audit log"));
	}

	@Test
	void filtersByKindCategoryOutcomeClientAndTime() {
		Instant day = Instant.parse("2026-09-01T08:00:00Z");
		AuditEntry rotated = append(AuditKind.SECRET_ROTATED, day, "mgapp-one");
		AuditEntry failed = append(AuditKind.CLIENT_AUTH_FAILED, day.plus(Duration.ofHours(1)), "mgapp-one");
		AuditEntry revoked = append(AuditKind.SECRET_REVOKED, day.plus(Duration.ofHours(2)), "mgapp-two");

		// the workspace also holds what happened to its audit reader app today
		String september = "&until=2026-10-01T00:00:00Z";
		assertThat(ids("kind=secret.rotated" + september)).containsExactly(rotated.id().toString());
		assertThat(ids("kind=secrets" + september)).containsExactly(revoked.id().toString(), rotated.id().toString());
		assertThat(ids("outcome=failure" + september)).containsExactly(failed.id().toString());
		assertThat(ids("client_id=mgapp-one")).containsExactly(failed.id().toString(), rotated.id().toString());
		assertThat(ids("since=2026-09-01T08:30:00Z&until=2026-09-01T08:30:00-01:00"))
			.containsExactly(failed.id().toString());
	}

	@Test
	void pagesFollowNextCursorUntilItIsNull() {
		Instant start = Instant.parse("2026-08-01T00:00:00Z");
		List<String> appended = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			appended.add(0, append(AuditKind.TOKEN_REVOKED, start.plusSeconds(i), "mgapp-paged").id().toString());
		}

		List<String> read = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			DocumentContext page = json(get("/api/v1/audit-events?client_id=mgapp-paged&limit=2"
					+ ((cursor != null) ? "&cursor=" + cursor : ""), this.robot));
			read.addAll(page.read("$.data[*].id"));
			cursor = page.read("$.next_cursor", String.class);
			pages++;
		}
		while (cursor != null);

		assertThat(pages).isEqualTo(3);
		assertThat(read).containsExactlyElementsOf(appended);
	}

	@Test
	void badParametersAreProblemsNamingTheParameter() {
		assertBadParameter("kind=app.exploded", "kind");
		assertBadParameter("outcome=maybe", "outcome");
		assertBadParameter("since=yesterday", "since");
		assertBadParameter("until=2026-11-28", "until");
		assertBadParameter("since=2026-11-28T00:00:00Z&until=2026-11-27T00:00:00Z", "until");
		assertBadParameter("limit=0", "limit");
		assertBadParameter("limit=501", "limit");
		assertBadParameter("limit=many", "limit");
		assertBadParameter("cursor=not-a-cursor", "cursor");
	}

	@Test
	void theOpenApiDocumentDescribesTheEndpointAndItsScope() {
		DocumentContext doc = json(this.mvc.get().uri("/v3/api-docs").exchange());

		assertThat(doc.read("$.paths['/api/v1/audit-events'].get.security[*].oauth2", List.class))
			.containsExactly(List.of("audit.read"));
		assertThat(doc.read("$.paths['/api/v1/audit-events'].get.parameters[*].name", List.class))
			.containsExactly("kind", "outcome", "client_id", "since", "until", "limit", "cursor");
		assertThat(doc.read("$.components.schemas.AuditEvent.properties", Map.class)).containsKeys("id", "at", "kind",
				"outcome", "actor", "workspace_id", "app_id", "client_id", "ip", "user_agent", "detail", "count");
		assertThat(doc.read("$.components.schemas.AuditEventPage.properties", Map.class)).containsKeys("data",
				"next_cursor");
	}

	private void assertBadParameter(String query, String parameter) {
		assertThat(get("/api/v1/audit-events?" + query, this.robot)).as(query)
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.field", (field) -> assertThat(field).isEqualTo(parameter))
			.hasPathSatisfying("$.title", (title) -> assertThat(title).isEqualTo("Invalid parameter"))
			.hasPathSatisfying("$.instance", (instance) -> assertThat(instance).isEqualTo("/api/v1/audit-events"))
			.hasPathSatisfying("$.detail", (detail) -> assertThat(detail).asString().contains(parameter));
	}

	private AuditEntry append(AuditKind kind, Instant at, String clientId) {
		AuditEntry entry = AuditEntry.of(kind, at.truncatedTo(ChronoUnit.MILLIS))
			.withWorkspace(this.owner.workspace())
			.withActor(clientId)
			.withApp(AppId.random(), clientId)
			.withDetail(kind.label());
		this.auditLog.append(entry);
		return entry;
	}

	private List<String> ids(String query) {
		MvcTestResult listed = get("/api/v1/audit-events?" + query, this.robot);
		assertThat(listed).hasStatusOk();
		return json(listed).read("$.data[*].id");
	}

	/**
	 * A token that acts for the owner, through the authorization code flow.
	 */
	private String personsToken(String scope) {
		RegisteredApp app = this.apps.register(this.owner.workspace(),
				ClientMetadata.toNewApp(Map.of("client_name", "Ops Console", "redirect_uris", List.of(REDIRECT_URI),
						"grant_types", List.of("authorization_code", "refresh_token"), "scope", scope)),
				false);
		Pkce pkce = OAuthFlows.pkce();
		String code = this.flows.code(this.owner.session(), app.app().clientId(), REDIRECT_URI, scope, pkce);
		return (String) this.flows.exchange(app.app().clientId(), app.clientSecret(), code, REDIRECT_URI, pkce)
			.get("access_token");
	}

	private MvcTestResult get(String uri, String token) {
		return this.mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

	private static DocumentContext json(MvcTestResult result) {
		try {
			return JsonPath.parse(result.getResponse().getContentAsString());
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
