package dev.mailgate.integrations.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.mailgate.MailgateApplication;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.UserId;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.FieldType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Contacts synced per second from one Mailgate to another: the whole application on an
 * embedded database of its own, plain HTTP on a free port. It seeds {@code CONTACTS}
 * contacts (default 50,000, with names, a tag and a custom field) in workspace A, gives
 * workspace B a connection to this same Mailgate's {@code /api/v1/contacts} with a
 * client-credentials token of an app of A, and times full syncs into a fresh workspace
 * ({@code RUNS}, default 3): pages of 1,000 read over HTTP, mapped, upserted and recorded
 * with the run's progress. Run with {@code bench/sync.sh}.
 */
public final class SyncBench {

	private SyncBench() {
	}

	public static void main(String[] args) throws Exception {
		int count = Integer.parseInt(System.getenv().getOrDefault("CONTACTS", "50000"));
		int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "3"));
		Path data = Files.createTempDirectory("mailgate-sync-bench");
		SpringApplication application = new SpringApplication(MailgateApplication.class);
		try (ConfigurableApplicationContext context = application.run("--mailgate.data.dir=" + data, "--server.port=0",
				"--mailgate.tls.mode=proxy", "--mailgate.integrations.allow-loopback=true",
				"--mailgate.ratelimit.api.quota=1000000", "--mailgate.ratelimit.token-endpoint.quota=1000000",
				"--mailgate.bootstrap.admin.email=bench@mailgate.test",
				"--mailgate.bootstrap.admin.password=bench-password-of-some-length")) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			Accounts accounts = context.getBean(Accounts.class);
			WorkspaceId source = accounts.bootstrapWorkspace().orElseThrow();
			UserId admin = accounts.personByEmail("bench@mailgate.test").orElseThrow().id();
			seed(context.getBean(Contacts.class), source, count);
			String token = token(context.getBean(Apps.class), source, base);
			Provider provider = context.getBean(JdbcProviders.class)
				.add(new ProviderSettings("bench-mailgate", "Bench Mailgate", ProviderType.MAILGATE, null,
						base + "/oauth2/authorize", base + "/oauth2/token", null, null, null, base, null,
						Set.of("contacts.read"), "bench", "client_secret_basic", false), "bench-secret");
			for (int run = 1; run <= runs; run++) {
				run(context, provider, admin, token, count, run);
			}
		}
	}

	private static void run(ConfigurableApplicationContext context, Provider provider, UserId admin, String token,
			int count, int run) throws InterruptedException {
		WorkspaceId target = new WorkspaceId(UUID.randomUUID());
		context.getBean(JdbcClient.class)
			.sql("insert into accounts_workspaces (id, name, created_at) values (?, ?, ?)")
			.params(target.value(), "Bench target " + run, java.sql.Timestamp.from(Instant.now()))
			.update();
		context.getBean(Contacts.class).defineField(target, "company", "Company", FieldType.TEXT);
		Connection connection = context.getBean(JdbcConnections.class)
			.save(target, provider.id(), admin, "bench", null,
					new TokenSet(token, Instant.now().plus(Duration.ofHours(1)), null, Set.of("contacts.read")));
		JdbcSyncRuns runs = context.getBean(JdbcSyncRuns.class);
		long started = System.nanoTime();
		SyncRun sync = context.getBean(SyncRuns.class).start(connection.id(), "cli");
		while (!sync.finished()) {
			Thread.sleep(20);
			sync = runs.find(sync.id()).orElseThrow();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("run %d: %s, %,d of %,d contacts created in %.2f s: %,.0f contacts/s%n", run,
				sync.status().value(), sync.created(), count, seconds, sync.created() / seconds);
	}

	private static void seed(Contacts contacts, WorkspaceId workspace, int count) {
		contacts.defineField(workspace, "company", "Company", FieldType.TEXT);
		contacts.defineField(workspace, "seats", "Seats", FieldType.NUMBER);
		List<ContactChanges> batch = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			batch.add(new ContactChanges("c" + i + "@bench.example", "First" + i, "Last" + i, null, "bench",
					List.of("customer"), Map.of("company", "Company " + (i % 100), "seats", new BigDecimal(i % 50)),
					null));
			if (batch.size() == Contacts.MAX_BATCH || i == count - 1) {
				contacts.upsertAll(workspace, batch);
				batch.clear();
			}
		}
	}

	private static String token(Apps apps, WorkspaceId workspace, String base) throws Exception {
		RegisteredApp app = apps.register(workspace, ClientMetadata.toNewApp(Map.of("client_name", "Bench source",
				"grant_types", List.of("client_credentials"), "scope", "contacts.read")), false);
		String basic = Base64.getEncoder()
			.encodeToString((app.app().clientId() + ":" + app.clientSecret()).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=contacts.read"))
				.build(), HttpResponse.BodyHandlers.ofString());
		return JsonMapper.builder().build().readTree(response.body()).path("access_token").asString();
	}

}
