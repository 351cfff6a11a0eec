package dev.mailgate.integrations.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.Person;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.support.OAuthFlows;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;

/**
 * What the contact sync tests share: a workspace of their own, a provider and a
 * connection holding a token, and waiting for a run to reach a state.
 */
abstract class SyncTestSupport extends IntegrationTestSupport {

	@Autowired
	Accounts accounts;

	@Autowired
	Contacts contacts;

	@Autowired
	JdbcProviders providers;

	@Autowired
	JdbcConnections connections;

	@Autowired
	JdbcSyncRuns runs;

	@Autowired
	JdbcSyncSettings settings;

	@Autowired
	SyncRuns syncRuns;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Apps apps;

	/**
	 * A person who signed up, with their workspace.
	 */
	Member member() {
		String email = uniqueEmail();
		MockHttpSession session = new OAuthFlows(this.mvc).newPerson(email);
		Person person = this.accounts.personByEmail(email).orElseThrow();
		return new Member(person, this.accounts.defaultWorkspaceOf(person.id()).orElseThrow(), session);
	}

	Provider provider(ProviderType type, String apiBaseUrl) {
		String registrationId = type.value() + "-" + UUID.randomUUID().toString().substring(0, 8);
		return this.providers.add(
				new ProviderSettings(registrationId, type.label() + " " + registrationId, type, null,
						apiBaseUrl + "/oauth/authorize", apiBaseUrl + "/oauth/token", null, null, null, apiBaseUrl,
						null, Set.of("contacts"), "client-" + registrationId, "client_secret_post", false),
				"provider-secret-" + UUID.randomUUID());
	}

	Connection connection(Member member, Provider provider, String accessToken) {
		return this.connections.save(member.workspace(), provider.id(), member.person().id(), "crm@example.com", null,
				new TokenSet(accessToken, Instant.now().plus(Duration.ofHours(1)), null, Set.of("contacts")));
	}

	/**
	 * Polls the run until it is in a state the test expects, for at most 60 seconds.
	 */
	SyncRun await(UUID run, Predicate<SyncRun> until) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(60);
		SyncRun current = this.runs.find(run).orElseThrow();
		while (!until.test(current)) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("The run did not get there in time: " + current);
			}
			Thread.sleep(50);
			current = this.runs.find(run).orElseThrow();
		}
		return current;
	}

	SyncRun awaitFinished(UUID run) throws InterruptedException {
		return await(run, SyncRun::finished);
	}

	/**
	 * How many contacts of the workspace have this email (a sync must leave one).
	 */
	long rowsWithEmail(WorkspaceId workspace, String email) {
		return this.jdbc.sql("select count(*) from contacts_contacts where workspace_id = ? and email = ?")
			.params(workspace.value(), email)
			.query(Long.class)
			.single();
	}

	/**
	 * An app of the workspace with these scopes, and a client-credentials token of it.
	 */
	String appToken(WorkspaceId workspace, String scope) {
		RegisteredApp app = this.apps.register(workspace, ClientMetadata.toNewApp(
				Map.of("client_name", "Sync tests", "grant_types", List.of("client_credentials"), "scope", scope)),
				false);
		return (String) new OAuthFlows(this.mvc).clientCredentials(app.app().clientId(), app.clientSecret(), scope)
			.get("access_token");
	}

	record Member(Person person, WorkspaceId workspace, MockHttpSession session) {
	}

}
