package dev.mailgate.webhooks.internal;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The delivery log page of an app's webhooks, for the members of the app's workspace.
 */
class WebhookLogPageIntegrationTests extends WebhooksTestSupport {

	@Test
	void membersSeeEachSubscriptionWithItsRecentDeliveriesButNeverItsSecret() {
		Map<String, Object> subscription = subscribe("contact.created");
		String email = "logged-" + UUID.randomUUID() + "@example.com";
		createContact(this.app, email);
		this.endpoint.await((r) -> r.body().contains(email));

		MvcTestResult page = awaitPage("Succeeded");

		assertThat(page).hasStatus(200);
		assertThat(body(page)).contains(this.endpoint.url())
			.contains("contact.created")
			.contains((String) subscription.get("secret_prefix"))
			.doesNotContain(((String) subscription.get("secret")).substring(10))
			.contains("Enabled");
		assertThat(body(this.mvc.get().uri("/apps/" + this.app.clientId()).session(this.session).exchange()))
			.contains("/apps/" + this.app.clientId() + "/webhooks");
	}

	@Test
	void aFailedDeliveryCanBeSentAgainFromThePage() {
		subscribe("contact.created");
		this.endpoint.answeringAlways(500);
		String email = "failed-" + UUID.randomUUID() + "@example.com";
		createContact(this.app, email);
		this.endpoint.awaitCount((r) -> r.body().contains(email), 4);
		MvcTestResult failed = awaitPage("Failed");
		String delivery = body(failed).replaceAll("(?s).*data-delivery=\"([0-9a-f-]{36})\".*", "$1");
		this.endpoint.answeringAlways(200);

		MvcTestResult sent = this.mvc.post()
			.uri("/apps/" + this.app.clientId() + "/webhooks/deliveries/" + delivery + "/send-again")
			.session(this.session)
			.with(csrf())
			.exchange();

		assertThat(sent).hasStatus3xxRedirection();
		this.endpoint.awaitCount((r) -> r.body().contains(email), 5);
		assertThat(body(awaitPage("Succeeded"))).contains("<td>5</td>");
	}

	@Test
	void othersGetNotFound() {
		subscribe("contact.created");
		var stranger = this.flows.newPerson("stranger-" + UUID.randomUUID() + "@example.com");

		assertThat(this.mvc.get().uri("/apps/" + this.app.clientId() + "/webhooks").session(stranger).exchange())
			.hasStatus(404);
		assertThat(this.mvc.get().uri("/apps/no-such-app/webhooks").session(this.session).exchange()).hasStatus(404);
		assertThat(this.mvc.get().uri("/apps/" + this.app.clientId() + "/webhooks").exchange())
			.hasStatus3xxRedirection();
	}

	private MvcTestResult awaitPage(String text) {
		long deadline = System.nanoTime() + 20_000_000_000L;
		MvcTestResult page;
		do {
			page = this.mvc.get().uri("/apps/" + this.app.clientId() + "/webhooks").session(this.session).exchange();
			if (body(page).contains(">" + text + "<")) {
				return page;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("The page never showed " + text + ": " + body(page));
	}

}
