package dev.mailgate.webhooks.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/webhooks}: what an app may subscribe, with whose token, and what it
 * sees.
 */
class WebhooksApiIntegrationTests extends WebhooksTestSupport {

	@Test
	void subscriptionShowsItsSecretOnceAndOnlyItsPrefixAfter() {
		Map<String, Object> created = subscribe("contact.created", "email.opened");
		String id = (String) created.get("id");
		String secret = (String) created.get("secret");

		assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
		assertThat(created).containsEntry("url", this.endpoint.url())
			.containsEntry("events", List.of("contact.created", "email.opened"))
			.containsEntry("enabled", true)
			.containsEntry("secret_prefix", secret.substring(0, 10) + "…");
		String shown = body(call("GET", "/api/v1/webhooks/" + id, null));
		String listed = body(call("GET", "/api/v1/webhooks", null));
		assertThat(shown).doesNotContain(secret.substring(10)).doesNotContain("\"secret\"");
		assertThat(listed).contains(id).doesNotContain(secret.substring(10));
		String changed = body(
				call("PATCH", "/api/v1/webhooks/" + id, "{\"events\": [\"contact.updated\"], \"enabled\": false}"));
		assertThat((List<String>) read(changed, "$.events")).containsExactly("contact.updated");
		assertThat((Boolean) read(changed, "$.enabled")).isFalse();
		assertThat(call("DELETE", "/api/v1/webhooks/" + id, null)).hasStatus(204);
		assertThat(call("GET", "/api/v1/webhooks/" + id, null)).hasStatus(404);
	}

	@Test
	void refusesBadSubscriptionsWithProblemsNamingTheField() {
		assertProblem("{\"url\": \"http://93.184.215.14/hooks\", \"events\": [\"contact.created\"]}", "url", "https");
		assertProblem("{\"url\": \"https://10.0.0.5/hooks\", \"events\": [\"contact.created\"]}", "url", "private");
		assertProblem("{\"url\": \"https://169.254.169.254/latest\", \"events\": [\"contact.created\"]}", "url",
				"link-local");
		assertProblem("{\"url\": \"https://192.168.0.10/\", \"events\": [\"contact.created\"]}", "url", "192.168.0.10");
		assertProblem("{\"url\": \"https://93.184.215.14/hooks\", \"events\": [\"contact.deleted\"]}", "events",
				"'contact.deleted' is not an event type");
		assertProblem("{\"url\": \"https://93.184.215.14/hooks\", \"events\": []}", "events", "at least one");
		assertProblem("{\"events\": [\"contact.created\"]}", "url", "required");
		assertProblem("{\"url\": \"https://93.184.215.14/hooks\", \"events\": \"contact.created\"", "body", "JSON");
		assertThat(body(call("GET", "/api/v1/webhooks", null))).contains("\"data\":[]");
	}

	@Test
	void anAppHoldsAtMostTenSubscriptionsInAWorkspace() {
		for (int i = 0; i < 10; i++) {
			subscribe("contact.created");
		}
		assertProblem("{\"url\": \"%s\", \"events\": [\"contact.created\"]}".formatted(this.endpoint.url()), "url",
				"at most 10");
	}

	/**
	 * RFC 6750 §3.1: a token without the scope gets 403 with insufficient_scope.
	 */
	@Test
	void webhooksNeedTheWebhooksManageScope() {
		TestApp contactsOnly = app(this.workspace, "contacts.read");

		MvcTestResult refused = call(contactsOnly, "GET", "/api/v1/webhooks", null);

		assertThat(refused).hasStatus(403);
		assertThat(refused.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).contains("insufficient_scope");
		assertThat(this.mvc.get().uri("/api/v1/webhooks").exchange()).hasStatus(401);
	}

	@Test
	void appsSeeOnlyTheirOwnSubscriptionsAndOnlyTheirWorkspacesEvents() {
		Map<String, Object> mine = subscribe("contact.created");
		String id = (String) mine.get("id");
		TestApp otherApp = app(this.workspace, SCOPES);
		String stranger = "stranger-" + UUID.randomUUID() + "@example.com";
		this.flows.newPerson(stranger);
		TestApp otherWorkspace = app(workspaceOf(stranger), SCOPES);

		for (TestApp other : List.of(otherApp, otherWorkspace)) {
			assertThat(call(other, "GET", "/api/v1/webhooks/" + id, null)).hasStatus(404);
			assertThat(call(other, "DELETE", "/api/v1/webhooks/" + id, null)).hasStatus(404);
			assertThat(call(other, "POST", "/api/v1/webhooks/" + id + "/rotate-secret", null)).hasStatus(404);
			assertThat(call(other, "GET", "/api/v1/webhooks/" + id + "/deliveries", null)).hasStatus(404);
			assertThat(body(call(other, "GET", "/api/v1/webhooks", null))).doesNotContain(id);
		}
		String elsewhere = "elsewhere-" + UUID.randomUUID() + "@example.com";
		String here = "here-" + UUID.randomUUID() + "@example.com";
		createContact(otherWorkspace, elsewhere);
		createContact(this.app, here);
		this.endpoint.await((r) -> r.body().contains(here));
		assertThat(this.endpoint.received()).noneMatch((r) -> r.body().contains(elsewhere));
	}

	@Test
	void secretsAreNotStoredInPlainText() {
		Map<String, Object> created = subscribe("contact.created");
		String first = (String) created.get("secret");
		String second = read(body(call("POST", "/api/v1/webhooks/" + created.get("id") + "/rotate-secret", null)),
				"$.secret");

		Map<String, Object> row = this.jdbc.sql("select * from webhooks_subscriptions where id = ?")
			.param(UUID.fromString((String) created.get("id")))
			.query()
			.singleRow();

		String stored = row.toString();
		for (String secret : List.of(first, second)) {
			assertThat(stored).doesNotContain(secret).doesNotContain(secret.substring(6));
		}
		assertThat((String) row.get("secret")).isNotBlank();
		assertThat((String) row.get("previous_secret")).isNotBlank();
	}

	@Test
	void subscriptionFailingTooOftenIsDisabledAndTheAppsOwnersAreTold() throws Exception {
		Map<String, Object> created = subscribe("contact.created");
		UUID id = UUID.fromString((String) created.get("id"));
		// nine failed deliveries before this one (the default disables after ten)
		this.jdbc.sql("update webhooks_subscriptions set consecutive_failures = 9 where id = ?").param(id).update();
		this.endpoint.answeringAlways(500);
		String email = "doomed-" + UUID.randomUUID() + "@example.com";

		createContact(this.app, email);

		this.endpoint.awaitCount((r) -> r.body().contains(email), 4);
		MimeMessage notice = awaitMail(this.marketer, "Webhook disabled");
		assertThat(GreenMailUtil.getBody(notice)).contains(this.endpoint.url())
			.contains("10 deliveries in a row failed")
			.contains("/apps/" + this.app.clientId() + "/webhooks");
		String shown = body(call("GET", "/api/v1/webhooks/" + id, null));
		assertThat((Boolean) read(shown, "$.enabled")).isFalse();
		assertThat((String) read(shown, "$.disabled_reason")).contains("10 failed deliveries");
		String enabled = body(call("PATCH", "/api/v1/webhooks/" + id, "{\"enabled\": true}"));
		assertThat((Boolean) read(enabled, "$.enabled")).isTrue();
	}

	private MimeMessage awaitMail(String to, String subject) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			for (MimeMessage message : SMTP.getReceivedMessages()) {
				if (message.getSubject().startsWith(subject)
						&& List.of(message.getAllRecipients()).toString().contains(to)) {
					return message;
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("No mail '" + subject + "' to " + to);
	}

	private void assertProblem(String json, String field, String detail) {
		MvcTestResult result = call("POST", "/api/v1/webhooks", json);
		assertThat(result).hasStatus(400);
		String problem = body(result);
		assertThat((String) read(problem, "$.field")).as(json).isEqualTo(field);
		assertThat((String) read(problem, "$.detail")).as(json).contains(detail);
		assertThat(problem).doesNotContain("Exception");
	}

}
