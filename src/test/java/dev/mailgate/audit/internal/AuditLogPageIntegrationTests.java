package dev.mailgate.audit.internal;

import java.io.StringReader;
import java.io.UnsupportedEncodingException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import dev.mailgate.support.HttpsClient;
import dev.mailgate.support.OAuthFlows;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The audit log page: who may see it and which events, its filters, its pages and its CSV
 * export.
 */
class AuditLogPageIntegrationTests extends AuditTestSupport {

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	@Test
	void ownersSeeTheirWorkspacesEventsAsPeopleReadThem() {
		Owner owner = newOwner();
		Owner other = newOwner();
		signIn(owner.email(), "not the password", "198.51.100.41", FIREFOX);
		signIn(other.email(), "not the password", "198.51.100.42", FIREFOX);

		assertThat(get(owner, "/security/audit")).hasStatusOk()
			.bodyText()
			.contains("Audit log", "Security events in Workspace of " + owner.email(), "Kept for 365 days",
					"Sign-in failed", "Sign-in as %s failed".formatted(owner.email()),
					"198.51.100.41 · Firefox on Linux", " UTC</time>", "outcome-failure")
			.doesNotContain(other.email(), "198.51.100.42", "of no workspace");
	}

	@Test
	void membersAreRefusedThePageAndTheExport() {
		Owner member = newOwner();
		demoteToMember(member.email());
		HttpsClient browser = new HttpsClient(this.dataDirectory, this.port);
		browser.signIn(member.email(), OAuthFlows.PASSWORD);

		HttpResponse<String> refused = browser.get("/security/audit", "text/html");

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("Forbidden",
				"Only the owners and admins of your workspace see its audit log. Ask one of them for what you need.");
		assertThat(browser.get("/security/audit/export.csv", "text/csv").statusCode()).isEqualTo(403);
		assertThat(get(member, "/security/audit")).hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void signedOutVisitorsAreSentToSignIn() {
		assertThat(this.mvc.get().uri("/security/audit")).hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.endsWith("/login");
	}

	@Test
	void platformAdministratorsAlsoSeeEventsThatBelongToNoWorkspace() {
		String stranger = "nobody-" + UUID.randomUUID() + "@example.com";
		signIn(stranger, "a guess", "198.51.100.43", FIREFOX);
		MockHttpSession administrator = signIn(ADMIN_EMAIL, ADMIN_PASSWORD, "198.51.100.44", FIREFOX);
		Owner owner = newOwner();

		assertThat(this.mvc.get().uri("/security/audit?actor=" + stranger).session(administrator)).hasStatusOk()
			.bodyText()
			.contains("and those of no workspace",
					"Sign-in as %s failed: no account has this email".formatted(stranger), "Platform");
		assertThat(get(owner, "/security/audit?actor=" + stranger)).hasStatusOk()
			.bodyText()
			.contains("No events match")
			.doesNotContain("no account has this email");
	}

	@Test
	void filtersNarrowTheEventsByKindCategoryOutcomeAppWhoAddressAndDay() {
		Owner owner = newOwner();
		Instant day = Instant.parse("2026-10-05T09:30:00Z");
		AuditEntry rotated = append(owner.workspace(), AuditKind.SECRET_ROTATED, day, "ada@example.com", "mgapp-alpha",
				"203.0.113.5");
		AuditEntry revoked = append(owner.workspace(), AuditKind.SECRET_REVOKED, day.plus(Duration.ofDays(1)),
				"grace@example.com", "mgapp-beta", "203.0.113.6");
		AuditEntry failed = append(owner.workspace(), AuditKind.CLIENT_AUTH_FAILED, day.plus(Duration.ofDays(2)),
				"mgapp-alpha", "mgapp-alpha", "192.0.2.7");

		assertThat(ids(owner, "kind=secret.rotated")).containsExactly(rotated.id());
		assertThat(ids(owner, "kind=secrets")).containsExactly(revoked.id(), rotated.id());
		assertThat(ids(owner, "outcome=failure")).containsExactly(failed.id());
		assertThat(ids(owner, "app=mgapp-alpha")).containsExactly(failed.id(), rotated.id());
		assertThat(ids(owner, "actor=GRACE")).containsExactly(revoked.id());
		assertThat(ids(owner, "ip=203.0.113.")).containsExactly(revoked.id(), rotated.id());
		assertThat(ids(owner, "from=2026-10-06&to=2026-10-06")).containsExactly(revoked.id());
		assertThat(ids(owner, "from=2026-10-06&kind=signins&outcome=failure")).containsExactly(failed.id());
		assertThat(get(owner, "/security/audit?kind=secrets")).bodyText()
			.contains("<option value=\"secrets\" selected=\"selected\">All: Client secrets</option>", "Clear")
			.contains("href=\"/security/audit/export.csv?kind=secrets\"");
	}

	@Test
	void aFilterThePageDoesNotUnderstandIsShownOnThePage() {
		Owner owner = newOwner();

		assertThat(get(owner, "/security/audit?from=2026-13-45")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("&#39;2026-13-45&#39; is not a date; write it like 2026-11-28.");
		assertThat(get(owner, "/security/audit?kind=everything.bad")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("There is no kind of event called &#39;everything.bad&#39;.");
		assertThat(get(owner, "/security/audit?from=2026-11-02&to=2026-11-01")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("The last day comes before the first day.");
	}

	@Test
	void pagesHoldFiftyEventsAndLeadToOlderOnes() {
		Owner owner = newOwner();
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
		for (int i = 0; i < 60; i++) {
			append(owner.workspace(), AuditKind.TOKEN_REVOKED, start.plusSeconds(i), "mgapp-pager", "mgapp-pager",
					null);
		}

		MvcTestResult first = get(owner, "/security/audit?kind=token.revoked");
		String older = link(first, "next-page");
		MvcTestResult second = get(owner, older);

		assertThat(rowIds(first)).hasSize(50);
		assertThat(older).startsWith("/security/audit?kind=token.revoked&cursor=");
		assertThat(rowIds(second)).hasSize(10).doesNotContainAnyElementsOf(rowIds(first));
		assertThat(second).bodyText().contains("data-test=\"first-page\"").doesNotContain("data-test=\"next-page\"");
	}

	@Test
	void exportIsTheFilteredViewAsCsvWithFormulasDefused() throws Exception {
		Owner owner = newOwner();
		signIn(owner.email(), "not the password", "198.51.100.45", "=cmd|' /C calc'!A0");
		signIn(owner.email(), OAuthFlows.PASSWORD, "198.51.100.45", FIREFOX);

		MvcTestResult export = get(owner, "/security/audit/export.csv?kind=signin.failed");

		assertThat(export).hasStatusOk()
			.hasHeader(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"audit-log-%s.csv\"".formatted(LocalDate.now(ZoneOffset.UTC)))
			.hasContentType("text/csv;charset=UTF-8");
		String body = export.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(body).startsWith("\uFEFF");
		List<CSVRecord> rows = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(body.substring(1)))
			.getRecords();
		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row.get("kind")).isEqualTo("signin.failed");
			assertThat(row.get("what")).isEqualTo("Sign-in failed");
			assertThat(row.get("outcome")).isEqualTo("failure");
			assertThat(row.get("actor")).isEqualTo(owner.email());
			assertThat(row.get("workspace_id")).isEqualTo(owner.workspace().toString());
			assertThat(row.get("ip")).isEqualTo("198.51.100.45");
			assertThat(row.get("user_agent")).as("OWASP CSV injection").isEqualTo("'=cmd|' /C calc'!A0");
			assertThat(row.get("count")).isEqualTo("1");
			assertThat(Instant.parse(row.get("time"))).isBefore(Instant.now());
		});
		assertThat(body.lines().findFirst().orElseThrow().substring(1)).isEqualTo(String.join(",", AuditLogCsv.HEADER));
	}

	private AuditEntry append(WorkspaceId workspace, AuditKind kind, Instant at, String actor, String clientId,
			String ip) {
		AuditEntry entry = AuditEntry.of(kind, at)
			.withWorkspace(workspace)
			.withActor(actor)
			.withApp(AppId.random(), clientId)
			.withOrigin(ip, null)
			.withDetail(kind.label() + " for " + clientId);
		this.auditLog.append(entry);
		return entry;
	}

	private List<UUID> ids(Owner owner, String query) {
		MvcTestResult page = get(owner, "/security/audit?" + query);
		assertThat(page).hasStatusOk();
		return rowIds(page).stream().map(UUID::fromString).toList();
	}

	private static List<String> rowIds(MvcTestResult page) {
		Matcher ids = Pattern.compile("data-id=\"([0-9a-f-]{36})\"").matcher(body(page));
		return ids.results().map((match) -> match.group(1)).toList();
	}

	private static String link(MvcTestResult page, String test) {
		Matcher link = Pattern.compile("href=\"([^\"]+)\" data-test=\"" + test + "\"").matcher(body(page));
		assertThat(link.find()).as("a link %s", test).isTrue();
		return link.group(1).replace("&amp;", "&");
	}

	private static String body(MvcTestResult page) {
		try {
			return page.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private MvcTestResult get(Owner owner, String path) {
		return this.mvc.get().uri(path).session(owner.session()).exchange();
	}

	private MockHttpSession signIn(String email, String password, String address, String userAgent) {
		MvcTestResult result = this.mvc.post().uri("/login").with(csrf()).with((request) -> {
			request.setRemoteAddr(address);
			request.addHeader(HttpHeaders.USER_AGENT, userAgent);
			return request;
		}).param("email", email).param("password", password).exchange();
		return (MockHttpSession) result.getRequest().getSession();
	}

}
