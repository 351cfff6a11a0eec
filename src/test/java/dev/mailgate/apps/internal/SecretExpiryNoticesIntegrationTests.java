package dev.mailgate.apps.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Owners hear, by email through a real SMTP server, about a secret that is about to
 * expire, and the app page shows what happened to the app.
 */
class SecretExpiryNoticesIntegrationTests extends IntegrationTestSupport {

	@Autowired
	SecretExpiryNotices notices;

	@Autowired
	SecretPolicy policy;

	@Autowired
	Apps apps;

	@Autowired
	Accounts accounts;

	@Test
	void ownersAreEmailedOnceAboutASecretNearItsExpiry() throws Exception {
		String email = uniqueEmail();
		new OAuthFlows(this.mvc).newPerson(email);
		WorkspaceId workspace = this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(email).orElseThrow().id())
			.orElseThrow();
		RegisteredApp app = this.apps.register(workspace, ClientMetadata.toNewApp(Map.of("client_name", "Expiring Sync",
				"grant_types", List.of("client_credentials"), "scope", "contacts.read")), false);
		this.policy.set(workspace, 1, List.of(app.app()));

		this.notices.notifyExpiring();
		this.notices.notifyExpiring();

		List<MimeMessage> mine = Arrays.stream(SMTP.getReceivedMessages()).filter((message) -> {
			try {
				return message.getAllRecipients()[0].toString().equals(email);
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
		assertThat(mine).singleElement().satisfies((message) -> {
			assertThat(message.getSubject()).startsWith("A client secret of Expiring Sync expires on");
			assertThat((String) message.getContent())
				.contains(app.clientSecret().substring(0, 8) + "…", app.app().clientId(), "Rotate secret")
				.doesNotContain(app.clientSecret());
		});
	}

	@Test
	void appPageShowsRecentActivity() {
		String email = uniqueEmail();
		var person = new OAuthFlows(this.mvc).newPerson(email);
		WorkspaceId workspace = this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(email).orElseThrow().id())
			.orElseThrow();
		RegisteredApp app = this.apps.register(workspace, ClientMetadata.toNewApp(Map.of("client_name", "Busy App",
				"grant_types", List.of("client_credentials"), "scope", "contacts.read")), false);

		this.mvc.post()
			.uri("/apps/" + app.app().clientId() + "/secrets")
			.session(person)
			.with(csrf())
			.param("graceSeconds", "3600")
			.exchange();

		assertThat(this.mvc.get().uri("/apps/" + app.app().clientId()).session(person)).hasStatusOk()
			.bodyText()
			.contains("Recent activity", "App registered", "Secret rotated", email);
	}

}
