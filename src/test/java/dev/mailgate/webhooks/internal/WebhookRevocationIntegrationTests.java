package dev.mailgate.webhooks.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * An app that a marketer disconnects (connected apps page) receives nothing more from the
 * workspace: its subscriptions there go with the last grant, in the same transaction.
 */
class WebhookRevocationIntegrationTests extends WebhooksTestSupport {

	static final String REDIRECT_URI = "https://crm.example.com/callback";

	@Test
	void revokingTheLastGrantRemovesTheAppsSubscriptionsInTheWorkspace() {
		String developer = "developer-" + UUID.randomUUID() + "@example.com";
		this.flows.newPerson(developer);
		RegisteredApp crm = thirdPartyApp(workspaceOf(developer));
		String id = (String) subscribe(personToken(crm), "contact.created").get("id");
		assertThat(count(id)).isEqualTo(1);

		revoke(crm);

		assertThat(count(id)).as("the subscription went with the grant").isZero();
	}

	@Test
	void theWorkspacesOwnAppKeepsItsSubscriptionsWhenAPersonsGrantIsRevoked() {
		RegisteredApp own = thirdPartyApp(this.workspace);
		String id = (String) subscribe(personToken(own), "contact.created").get("id");

		revoke(own);

		assertThat(count(id)).as("a workspace's own app needs no grant").isEqualTo(1);
	}

	private RegisteredApp thirdPartyApp(WorkspaceId owner) {
		return this.apps.register(owner, ClientMetadata.toNewApp(Map.of("client_name", "Acme CRM", "redirect_uris",
				List.of(REDIRECT_URI), "grant_types", List.of("authorization_code", "refresh_token"), "scope", SCOPES)),
				false);
	}

	private TestApp personToken(RegisteredApp app) {
		OAuthFlows.Pkce pkce = OAuthFlows.pkce();
		String code = this.flows.code(this.session, app.app().clientId(), REDIRECT_URI, SCOPES, pkce);
		String token = (String) this.flows.exchange(app.app().clientId(), app.clientSecret(), code, REDIRECT_URI, pkce)
			.get("access_token");
		return new TestApp(app.app().clientId(), token);
	}

	private void revoke(RegisteredApp app) {
		assertThat(this.mvc.post()
			.uri("/connected-apps/{id}/revoke", app.app().clientId())
			.session(this.session)
			.with(csrf())
			.exchange()).hasStatus3xxRedirection();
	}

	private long count(String subscription) {
		return this.jdbc.sql("select count(*) from webhooks_subscriptions where id = ?")
			.param(UUID.fromString(subscription))
			.query(Long.class)
			.single();
	}

}
