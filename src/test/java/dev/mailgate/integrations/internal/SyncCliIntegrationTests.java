package dev.mailgate.integrations.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.cli.MailgateCli;
import dev.mailgate.contacts.ContactChanges;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./mailgate sync run|list} against the running server, over HTTPS, as an app of
 * the workspace with {@code integrations.manage}; the connection reads another workspace
 * of the same server (Mailgate to Mailgate).
 */
class SyncCliIntegrationTests extends SyncTestSupport {

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	private Member member;

	private Connection connection;

	private String clientId = "";

	private String clientSecret = "";

	@BeforeEach
	void connectedWorkspaceWithAnApp() {
		Member source = member();
		List<ContactChanges> contacts = new ArrayList<>();
		for (int i = 0; i < 1500; i++) {
			contacts.add(ContactChanges.email("cli" + i + "@example.com"));
		}
		this.contacts.upsertAll(source.workspace(), contacts.subList(0, 1000));
		this.contacts.upsertAll(source.workspace(), contacts.subList(1000, 1500));
		this.member = member();
		this.connection = connection(this.member, provider(ProviderType.MAILGATE, ISSUER),
				appToken(source.workspace(), "contacts.read"));
		RegisteredApp app = this.apps.register(this.member.workspace(), ClientMetadata.toNewApp(Map.of("client_name",
				"Sync CLI", "grant_types", List.of("client_credentials"), "scope", "integrations.manage")), false);
		this.clientId = app.app().clientId();
		this.clientSecret = app.clientSecret();
	}

	@Test
	void syncRunPrintsProgressAndTheSummary() {
		Run run = cli("sync", "run", this.connection.id().toString(), "--progress-seconds", "0", "--poll-millis", "50");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.err()).contains(" of 1,500 contacts");
		assertThat(run.out()).contains("Sync of " + this.connection.provider().name() + " (crm@example.com) succeeded")
			.contains("1,500 created, 0 updated, 0 unchanged or skipped, 0 not imported (1,500 contacts read)");
	}

	@Test
	void syncRunOfAConnectionThatNeedsReconnectingExitsWithAnError() {
		this.connections.markReconnectNeeded(this.connection.id(), "invalid_grant");

		Run run = cli("sync", "run", this.connection.provider().name());

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("needs reconnecting").contains("409");
	}

	@Test
	void syncCancelStopsARunAndRefusesOneThatEnded() {
		Run started = cli("sync", "run", this.connection.id().toString(), "--progress-seconds", "0", "--poll-millis",
				"50");
		String id = started.err().replaceFirst("(?s).*Sync run (\\S+) started.*", "$1");

		Run cancel = cli("sync", "cancel", id);

		assertThat(started.err()).contains("./mailgate sync cancel " + id);
		assertThat(cancel.exitCode()).isEqualTo(1);
		assertThat(cancel.err()).contains("already ended").contains("409");
	}

	@Test
	void syncListShowsTheConnections() {
		Run run = cli("sync", "list");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).contains("ID", "PROVIDER", this.connection.id().toString(), "crm@example.com", "active");
	}

	@Test
	void syncRunOfAnUnknownConnectionIsAUsageError() {
		Run run = cli("sync", "run", "no-such-connection");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("No connection no-such-connection");
	}

	private Run cli(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--server", ISSUER, "--client-id", this.clientId, "--client-secret", this.clientSecret,
				"--trust-cert", this.dataDirectory.resolve("tls/localhost.crt").toString()));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = MailgateCli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	record Run(int exitCode, String out, String err) {
	}

}
