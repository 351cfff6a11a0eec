package dev.mailgate.campaigns.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.mailgate.contacts.ContactList;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/campaigns} with real access tokens: drafts, merge tag checks, optimistic
 * versions, the state machine's refusals, the scopes each step needs, and workspaces kept
 * apart.
 */
class CampaignsApiIntegrationTests extends CampaignTestSupport {

	String token;

	ContactList list;

	@BeforeEach
	void tokenAndAudience() {
		this.token = token("campaigns.read campaigns.write campaigns.send");
		this.list = audience(2);
	}

	@Test
	void createsADraftWithDefaultsAndAnUnguessableArchiveSlug() {
		MvcTestResult created = call(this.token, "POST", "/api/v1/campaigns", """
				{"name": "November news", "subject": "Hi {{first_name|there}}", "html_body": "<p>{{company|}}</p>",
				 "list_id": "%s"}""".formatted(this.list.id()));

		assertThat(created).hasStatus(201).headers().hasValue(HttpHeaders.ETAG, "\"1\"");
		Map<String, Object> json = OAuthFlows.json(created);
		assertThat(created.getResponse().getHeader(HttpHeaders.LOCATION))
			.isEqualTo("/api/v1/campaigns/" + json.get("id"));
		assertThat(json).containsEntry("status", "draft")
			.containsEntry("from_name", "Workspace of " + this.marketer)
			.containsEntry("from_email", "no-reply@localhost")
			.containsEntry("recipients", 0)
			.containsEntry("sent", 0)
			.containsEntry("bounced", 0)
			.containsEntry("archive_url", null);
		String slug = this.campaigns.find(dev.mailgate.campaigns.CampaignId.parse((String) json.get("id")))
			.orElseThrow()
			.archiveSlug();
		assertThat(slug).hasSizeGreaterThanOrEqualTo(24);
	}

	@Test
	void anUnknownMergeTagIsA400NamingTheTagAndTheField() {
		MvcTestResult created = call(this.token, "POST", "/api/v1/campaigns",
				"{\"name\": \"x\", \"html_body\": \"<p>{{favourite_bread}} {{first_name}}</p>\", \"from_email\": \"not-an-address\"}");

		assertThat(created).hasStatus(400);
		Map<String, Object> problem = OAuthFlows.json(created);
		assertThat(problem).containsEntry("field", "from_email");
		assertThat(problem.get("errors").toString()).contains("html_body", "{{favourite_bread}}")
			.doesNotContain("{{first_name}};");
	}

	@Test
	void aStaleIfMatchIsA412AndOnlyDraftsChange() {
		String id = create();
		assertThat(call(this.token, "PATCH", "/api/v1/campaigns/" + id, "{\"subject\": \"New\"}", "If-Match", "\"1\""))
			.hasStatus(200);
		assertThat(
				call(this.token, "PATCH", "/api/v1/campaigns/" + id, "{\"subject\": \"Newer\"}", "If-Match", "\"1\""))
			.hasStatus(412);

		assertThat(call(this.token, "POST", "/api/v1/campaigns/" + id + "/schedule",
				"{\"send_at\": \"" + Instant.now().plusSeconds(3600) + "\"}"))
			.hasStatus(200)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("scheduled");
		MvcTestResult edit = call(this.token, "PATCH", "/api/v1/campaigns/" + id, "{\"subject\": \"Late\"}");
		assertThat(edit).hasStatus(409);
		assertThat(OAuthFlows.json(edit).get("detail").toString()).contains("scheduled");
		assertThat(call(this.token, "DELETE", "/api/v1/campaigns/" + id, null)).hasStatus(409);

		assertThat(call(this.token, "POST", "/api/v1/campaigns/" + id + "/cancel", null)).hasStatus(200)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("cancelled");
		assertThat(call(this.token, "POST", "/api/v1/campaigns/" + id + "/send", null)).hasStatus(409);
		assertThat(call(this.token, "POST", "/api/v1/campaigns/" + id + "/cancel", null)).hasStatus(409);
	}

	@Test
	void schedulingInThePastIsA400NamingSendAt() {
		String id = create();
		MvcTestResult scheduled = call(this.token, "POST", "/api/v1/campaigns/" + id + "/schedule",
				"{\"send_at\": \"2020-01-01T00:00:00Z\"}");

		assertThat(scheduled).hasStatus(400);
		assertThat(OAuthFlows.json(scheduled)).containsEntry("field", "send_at");
	}

	@Test
	void sendingNeedsTheCampaignsSendScope() {
		String id = create();
		String writer = token("campaigns.read campaigns.write");

		assertThat(call(writer, "POST", "/api/v1/campaigns/" + id + "/send", null)).hasStatus(403);
		assertThat(call(writer, "POST", "/api/v1/campaigns/" + id + "/test", "{\"email\": \"me@example.com\"}"))
			.hasStatus(403);
		assertThat(call(token("campaigns.read"), "POST", "/api/v1/campaigns", "{\"name\": \"x\"}")).hasStatus(403);
		assertThat(call(writer, "GET", "/api/v1/campaigns/" + id, null)).hasStatus(200);
	}

	@Test
	void sendsAndListsNewestFirstWithCounts() {
		this.throttle.rate(0);
		String first = create();
		String second = create();

		assertThat(call(this.token, "POST", "/api/v1/campaigns/" + first + "/send", null)).hasStatus(200)
			.bodyJson()
			.extractingPath("$.recipients")
			.isEqualTo(2);
		await("the campaign is sent", java.time.Duration.ofSeconds(30), () -> "sent"
			.equals(OAuthFlows.json(call(this.token, "GET", "/api/v1/campaigns/" + first, null)).get("status")));

		MvcTestResult page = call(this.token, "GET", "/api/v1/campaigns?limit=1", null);
		assertThat(page).bodyJson().extractingPath("$.data[0].id").isEqualTo(second);
		String cursor = (String) OAuthFlows.json(page).get("next_cursor");
		MvcTestResult next = call(this.token, "GET", "/api/v1/campaigns?limit=1&cursor=" + cursor, null);
		assertThat(next).bodyJson().extractingPath("$.data[0].id").isEqualTo(first);
		assertThat(next).bodyJson().extractingPath("$.data[0].sent").isEqualTo(2);
		assertThat(call(this.token, "GET", "/api/v1/campaigns?status=sent", null)).bodyJson()
			.extractingPath("$.data.length()")
			.isEqualTo(1);
		assertThat(call(this.token, "GET", "/api/v1/campaigns?status=nope", null)).hasStatus(400);
	}

	@Test
	void aTestSendGoesToOneAddressWithTestInTheSubject() throws Exception {
		String id = create();
		String me = "me@" + this.domain;

		assertThat(call(this.token, "POST", "/api/v1/campaigns/" + id + "/test", "{\"email\": \"" + me + "\"}"))
			.hasStatus(204);

		assertThat(inbox()).singleElement()
			.satisfies((message) -> assertThat(message.getSubject()).isEqualTo("[Test] Hi Ada"));
		assertThat(counts(dev.mailgate.campaigns.CampaignId.parse(id))).isEmpty();
		assertThat(call(this.token, "POST", "/api/v1/campaigns/" + id + "/test", "{\"email\": \"nobody\"}"))
			.hasStatus(400);
	}

	@Test
	void anotherWorkspacesCampaignIsNotFound() {
		String id = create();
		this.workspace = newWorkspace();
		String stranger = token("campaigns.read campaigns.write campaigns.send");

		assertThat(call(stranger, "GET", "/api/v1/campaigns/" + id, null)).hasStatus(404);
		assertThat(call(stranger, "POST", "/api/v1/campaigns/" + id + "/send", null)).hasStatus(404);
		assertThat(call(stranger, "GET", "/api/v1/campaigns/not-an-id", null)).hasStatus(404);
	}

	private dev.mailgate.accounts.WorkspaceId newWorkspace() {
		String email = "other-" + java.util.UUID.randomUUID() + "@example.com";
		this.flows.newPerson(email);
		return this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(email).orElseThrow().id()).orElseThrow();
	}

	private String create() {
		MvcTestResult created = call(this.token, "POST", "/api/v1/campaigns", """
				{"name": "News", "subject": "Hi {{first_name|there}}", "html_body": "<p>Hello</p>",
				 "from_email": "news@bakery.example", "list_id": "%s"}""".formatted(this.list.id()));
		assertThat(created).hasStatus(201);
		return (String) OAuthFlows.json(created).get("id");
	}

	private MvcTestResult call(String token, String method, String uri, String json, String... headers) {
		var request = this.mvc.method(HttpMethod.valueOf(method))
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		if (json != null) {
			request = request.contentType(MediaType.APPLICATION_JSON).content(json);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request = request.header(headers[i], headers[i + 1]);
		}
		return request.exchange();
	}

}
