package dev.mailgate.contacts.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Each test signs a new marketer up, with a workspace of their own, and works on the
 * contact pages through their browser session.
 */
abstract class ContactPagesTestSupport extends IntegrationTestSupport {

	@Autowired
	Contacts contacts;

	@Autowired
	Accounts accounts;

	OAuthFlows flows;

	String email;

	MockHttpSession session;

	WorkspaceId workspace;

	@BeforeEach
	void signedInMarketer() {
		this.flows = new OAuthFlows(this.mvc);
		this.email = "marketer-" + UUID.randomUUID() + "@example.com";
		this.session = this.flows.newPerson(this.email);
		this.workspace = workspaceOf(this.email);
	}

	WorkspaceId workspaceOf(String email) {
		return this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(email).orElseThrow().id()).orElseThrow();
	}

	MvcTestResult get(String uri) {
		return this.mvc.get().uri(uri).session(this.session).exchange();
	}

	/**
	 * A form post with the CSRF token, as the page sends it; pairs of names and values.
	 */
	MvcTestResult post(String uri, String... params) {
		MockMvcRequestBuilder request = this.mvc.post().uri(uri).session(this.session).with(csrf());
		for (int i = 0; i + 1 < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return request.exchange();
	}

	Contact contact(String email, String firstName, String... tags) {
		return this.contacts.create(this.workspace,
				new ContactChanges(email, firstName, null, null, "test", java.util.List.of(tags), null, null));
	}

	/**
	 * Polls an import's progress endpoint, as the page does, until the import ends.
	 */
	Map<String, Object> finished(String job) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (Instant.now().isBefore(deadline)) {
			Map<String, Object> status = OAuthFlows.json(get("/contacts/import/jobs/" + job + "/status"));
			if (!"running".equals(status.get("state"))) {
				return status;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		throw new AssertionError("The import did not finish within 30 seconds");
	}

}
