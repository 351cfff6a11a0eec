package dev.mailgate.integrations.internal;

import java.util.List;

import dev.mailgate.contacts.ContactChanges;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/integrations}: connections without tokens, sync runs started and read,
 * and their problems (RFC 9457), with scope {@code integrations.manage}.
 */
class SyncApiIntegrationTests extends SyncTestSupport {

	private Member member;

	private Connection connection;

	private String token = "";

	private String sourceToken = "";

	@BeforeEach
	void connectedWorkspace() {
		Member source = member();
		this.contacts.upsertAll(source.workspace(),
				List.of(ContactChanges.email("api1@example.com"), ContactChanges.email("api2@example.com")));
		this.sourceToken = appToken(source.workspace(), "contacts.read");
		this.member = member();
		this.connection = connection(this.member, provider(ProviderType.MAILGATE, ISSUER), this.sourceToken);
		this.token = appToken(this.member.workspace(), "integrations.manage");
	}

	@Test
	void listsTheWorkspacesConnectionsWithoutTokens() throws Exception {
		MvcTestResult result = get("/api/v1/integrations/connections", this.token);

		assertThat(result).hasStatusOk()
			.bodyJson()
			.extractingPath("$.data[0].id")
			.isEqualTo(this.connection.id().toString());
		assertThat(result).bodyJson().extractingPath("$.data[0].status").isEqualTo("active");
		assertThat(result).bodyJson().extractingPath("$.data[0].provider.type").isEqualTo("mailgate");
		assertThat(result).bodyJson().extractingPath("$.data.length()").isEqualTo(1);
		assertThat(result.getResponse().getContentAsString()).doesNotContain(this.sourceToken);
	}

	@Test
	void startsASyncRunAndShowsItUntilItSucceeds() throws Exception {
		MvcTestResult started = this.mvc.post()
			.uri("/api/v1/integrations/connections/{id}/sync-runs?started_by=cli", this.connection.id())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.exchange();

		assertThat(started).hasStatus(202).bodyJson().extractingPath("$.started_by").isEqualTo("cli");
		String id = com.jayway.jsonpath.JsonPath.read(started.getResponse().getContentAsString(), "$.id");
		assertThat(started.getResponse().getHeader(HttpHeaders.LOCATION))
			.isEqualTo("/api/v1/integrations/sync-runs/" + id);
		awaitFinished(java.util.UUID.fromString(id));
		MvcTestResult shown = get("/api/v1/integrations/sync-runs/" + id, this.token);
		assertThat(shown).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("succeeded");
		assertThat(shown).bodyJson().extractingPath("$.created").isEqualTo(2);
		assertThat(shown).bodyJson().extractingPath("$.percent").isEqualTo(100);
	}

	@Test
	void cancelsARunThatIsGoingAndRefusesToCancelItTwice() throws Exception {
		// a provider that does not answer: the run keeps retrying until it is cancelled
		Connection unreachable = connection(member(), provider(ProviderType.MAILGATE, "http://127.0.0.1:1"),
				this.sourceToken);
		String token = appToken(unreachable.workspace(), "integrations.manage");
		MvcTestResult started = this.mvc.post()
			.uri("/api/v1/integrations/connections/{id}/sync-runs", unreachable.id())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange();
		String id = com.jayway.jsonpath.JsonPath.read(started.getResponse().getContentAsString(), "$.id");

		MvcTestResult cancelled = post("/api/v1/integrations/sync-runs/" + id + "/cancel", token);
		MvcTestResult again = post("/api/v1/integrations/sync-runs/" + id + "/cancel", token);

		assertThat(cancelled).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("cancelled");
		assertThat(again).hasStatus(409).hasContentType("application/problem+json");
		assertThat(get("/api/v1/integrations/sync-runs/" + id, token)).bodyJson()
			.extractingPath("$.status")
			.isEqualTo("cancelled");
		assertThat(post("/api/v1/integrations/sync-runs/" + id + "/cancel", this.token)).hasStatus(404);
	}

	@Test
	void anotherWorkspacesConnectionOrRunIsNotFound() {
		String stranger = appToken(member().workspace(), "integrations.manage");

		MvcTestResult start = this.mvc.post()
			.uri("/api/v1/integrations/connections/{id}/sync-runs", this.connection.id())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + stranger)
			.exchange();

		assertThat(start).hasStatus(404).hasContentType("application/problem+json");
		assertThat(get("/api/v1/integrations/sync-runs/not-a-uuid", stranger)).hasStatus(404);
		assertThat(get("/api/v1/integrations/sync-runs/" + java.util.UUID.randomUUID(), stranger)).hasStatus(404)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo(404);
	}

	@Test
	void connectionThatNeedsReconnectingIsAConflict() {
		this.connections.markReconnectNeeded(this.connection.id(), "invalid_grant");

		MvcTestResult start = this.mvc.post()
			.uri("/api/v1/integrations/connections/{id}/sync-runs", this.connection.id())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.exchange();

		assertThat(start).hasStatus(409).bodyJson().extractingPath("$.reconnect_needed").isEqualTo(true);
	}

	@Test
	@org.junit.jupiter.api.DisplayName("A token without integrations.manage is refused with insufficient_scope (RFC 6750 §3.1)")
	void tokenWithoutTheScopeIsRefused() {
		MvcTestResult result = get("/api/v1/integrations/connections",
				appToken(this.member.workspace(), "contacts.read"));

		assertThat(result).hasStatus(403);
		assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).contains("insufficient_scope");
	}

	private MvcTestResult post(String uri, String bearer) {
		return this.mvc.post().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer).exchange();
	}

	private MvcTestResult get(String uri, String bearer) {
		return this.mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer).exchange();
	}

}
