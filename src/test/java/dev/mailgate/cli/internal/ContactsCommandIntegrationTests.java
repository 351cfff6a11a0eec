package dev.mailgate.cli.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./mailgate contacts import|export} against the running server, over HTTPS, as a
 * marketer's app in a workspace of its own.
 */
class ContactsCommandIntegrationTests extends IntegrationTestSupport {

	@Autowired
	Apps apps;

	@Autowired
	Accounts accounts;

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	@TempDir
	Path directory;

	private String clientId = "";

	private String clientSecret = "";

	private String token = "";

	private String out = "";

	private String err = "";

	@BeforeEach
	void workspaceWithAnApp() {
		OAuthFlows flows = new OAuthFlows(this.mvc);
		String email = "marketer-" + UUID.randomUUID() + "@example.com";
		flows.newPerson(email);
		WorkspaceId workspace = this.accounts.defaultWorkspaceOf(this.accounts.personByEmail(email).orElseThrow().id())
			.orElseThrow();
		String scope = "contacts.read contacts.write";
		RegisteredApp app = this.apps.register(workspace, ClientMetadata
			.toNewApp(Map.of("client_name", "Importer", "grant_types", List.of("client_credentials"), "scope", scope)),
				false);
		this.clientId = app.app().clientId();
		this.clientSecret = app.clientSecret();
		this.token = (String) flows.clientCredentials(this.clientId, this.clientSecret, scope).get("access_token");
	}

	@Test
	void importCreatesAndUpdatesGoodLinesAndRejectsBadOnesByLineNumber() throws Exception {
		api("POST", "/api/v1/fields", "{\"key\": \"company_size\", \"type\": \"number\"}");
		api("POST", "/api/v1/fields", "{\"key\": \"customer_since\", \"type\": \"date\"}");
		api("POST", "/api/v1/fields", "{\"key\": \"trial\", \"type\": \"boolean\"}");
		String newsletter = JsonPath.read(api("POST", "/api/v1/lists", "{\"name\": \"Newsletter\"}"), "$.id");
		api("PUT", "/api/v1/contacts/gil@example.com", "{\"first_name\": \"Gilbert\", \"last_name\": \"Ryle\"}");
		Path file = csv("""
				Email,First Name,Last Name,Tags,Lists,company_size,customer_since,trial,Favourite Colour
				ada@example.com,Ada,Lovelace,"vip; london",newsletter,42,2024-03-01,yes,blue
				not-an-email,Bad,Email,,,,,,
				bob@example.com,Bob,,,Newsletter,lots,,,
				cy@example.com,Cy,,,,,31/12/2024,,
				dee@example.com,Dee,,,Customers,,,,
				eve@example.com,Eve,"Multi
				Line",,,,,,
				fay@example.com,Fay,,,,,,maybe,
				gil@example.com,Gil,,,,,,,green
				""");

		assertThat(run("contacts", "import", file.toString())).isEqualTo(1);

		assertThat(this.err).contains("Skipping the columns Favourite Colour");
		assertThat(this.out).contains("2 created, 1 updated, 5 rejected")
			.contains("line 3 (not-an-email): email: 'not-an-email' is not an email address")
			.contains("line 4 (bob@example.com): company_size: 'lots' is not a number")
			.contains("line 5 (cy@example.com): customer_since: '31/12/2024' is not a date")
			.contains("line 6 (dee@example.com): Lists: no list named 'Customers'")
			.contains("line 9 (fay@example.com): trial: 'maybe' is not true or false");
		String ada = api("GET", "/api/v1/contacts/ada@example.com", null);
		assertThat(JsonPath.<String>read(ada, "$.last_name")).isEqualTo("Lovelace");
		assertThat(JsonPath.<List<String>>read(ada, "$.tags")).containsExactlyInAnyOrder("vip", "london");
		assertThat(JsonPath.<List<String>>read(ada, "$.lists")).containsExactly(newsletter);
		assertThat(JsonPath.<Object>read(ada, "$.fields"))
			.isEqualTo(Map.of("company_size", 42, "customer_since", "2024-03-01", "trial", true));
		assertThat(JsonPath.<String>read(api("GET", "/api/v1/contacts/eve@example.com", null), "$.last_name"))
			.isEqualTo("Multi\nLine");
		String gil = api("GET", "/api/v1/contacts/gil@example.com", null);
		assertThat(JsonPath.<String>read(gil, "$.first_name")).isEqualTo("Gil");
		assertThat(JsonPath.<String>read(gil, "$.last_name")).isEqualTo("Ryle");
		assertThat(status("/api/v1/contacts/bob@example.com")).isEqualTo(404);
		assertThat(status("/api/v1/contacts/dee@example.com")).isEqualTo(404);
	}

	@Test
	void jsonSummaryGivesScriptsEveryRejectedLine() throws Exception {
		Path file = csv("""
				email;first_name;status
				one@example.com;One;subscribed
				two@example.com;Two;asleep
				""");

		assertThat(run("contacts", "import", file.toString(), "--json")).isEqualTo(1);

		assertThat(JsonPath.<Integer>read(this.out, "$.created")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(this.out, "$.rejected")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(this.out, "$.rejections[0].line")).isEqualTo(3);
		assertThat(JsonPath.<String>read(this.out, "$.rejections[0].email")).isEqualTo("two@example.com");
		assertThat(JsonPath.<List<String>>read(this.out, "$.rejections[0].reasons").get(0)).startsWith("status: ");
	}

	@Test
	void brokenLineStopsTheImportAfterSendingTheLinesBeforeIt() throws Exception {
		Path file = csv("""
				email,first_name
				kim@example.com,Kim
				lou@example.com,"Lou
				max@example.com,Max
				""");

		assertThat(run("contacts", "import", file.toString())).isEqualTo(1);

		assertThat(this.out).contains("1 created, 0 updated, 0 rejected")
			.contains("Stopped: line 3 and those after it cannot be read");
		assertThat(status("/api/v1/contacts/kim@example.com")).isEqualTo(200);
		assertThat(status("/api/v1/contacts/max@example.com")).isEqualTo(404);
	}

	@Test
	void usageErrorsExitWithTwoBeforeImportingAnything() throws Exception {
		Path file = csv("""
				E-Mail-Adresse,Vorname,Notes
				hans@example.com,Hans,met at a fair
				""");

		assertThat(run("contacts", "import", this.directory.resolve("missing.csv").toString())).isEqualTo(2);
		assertThat(this.err).contains("No file", "missing.csv");
		assertThat(run("contacts", "import", file.toString())).isEqualTo(2);
		assertThat(this.err).contains("No email column among E-Mail-Adresse, Vorname, Notes");
		assertThat(run("contacts", "import", file.toString(), "--map", "Adresse=email")).isEqualTo(2);
		assertThat(this.err).contains("--map Adresse=email: no column 'Adresse'");
		assertThat(run("contacts", "import", file.toString(), "--map", "E-Mail-Adresse=mail_address")).isEqualTo(2);
		assertThat(this.err).contains("'mail_address' is neither skip, email");
		assertThat(run("contacts", "import", file.toString(), "--map", "E-Mail-Adresse=email", "--map",
				"Vorname=first_name", "--strict"))
			.isEqualTo(2);
		assertThat(this.err).contains("No contact property or custom field for the columns Notes");
		assertThat(status("/api/v1/contacts/hans@example.com")).isEqualTo(404);

		assertThat(run("contacts", "import", file.toString(), "--map", "E-Mail-Adresse=email", "--map",
				"Vorname=first_name", "--map", "Notes=skip", "--strict"))
			.isZero();
		assertThat(this.out).contains("1 created, 0 updated, 0 rejected");
		assertThat(JsonPath.<String>read(api("GET", "/api/v1/contacts/hans@example.com", null), "$.first_name"))
			.isEqualTo("Hans");
	}

	@Test
	void progressIsPlainLinesWhenStandardErrorIsNotATerminal() throws Exception {
		StringBuilder lines = new StringBuilder("email,first_name\n");
		for (int i = 0; i < 2500; i++) {
			lines.append("person-").append(i).append("@example.com,Person ").append(i).append('\n');
		}
		lines.append("person-0@example.com,Again\n");

		assertThat(run("contacts", "import", csv(lines.toString()).toString(), "--progress-seconds", "0")).isZero();

		assertThat(this.err).contains("1,000 contacts (", "2,000 contacts (", "a second: 1,000 created, 0 updated")
			.doesNotContain("\r");
		assertThat(this.out).contains("2,500 created, 1 updated, 0 rejected");
		assertThat(JsonPath.<String>read(api("GET", "/api/v1/contacts/person-0@example.com", null), "$.first_name"))
			.isEqualTo("Again");
	}

	@Test
	void exportWritesTheContactsThatImportReadsBack() throws Exception {
		api("POST", "/api/v1/fields", "{\"key\": \"plan\", \"type\": \"text\"}");
		api("POST", "/api/v1/lists", "{\"name\": \"Customers\"}");
		Path file = csv("""
				email,first_name,tags,lists,plan
				ann@example.com,Ann,vip,Customers,gold
				ben@example.com,Ben,,,
				""");
		run("contacts", "import", file.toString());

		assertThat(run("contacts", "export", "--list", "customers")).isZero();
		assertThat(this.out).startsWith(
				"email,first_name,last_name,status,tags,lists,plan,consent_source,consent_at,created_at,updated_at,id\n")
			.contains("ann@example.com,Ann,,subscribed,vip,Customers,gold,api:" + this.clientId)
			.doesNotContain("ben@example.com");
		assertThat(this.err).contains("Exported 1 contact.");

		Files.writeString(file, this.out.replace(",Ann,", ",Annie,"));
		assertThat(run("contacts", "import", file.toString())).isZero();
		assertThat(this.out).contains("0 created, 1 updated, 0 rejected").doesNotContain("Skipped");
		assertThat(this.err).doesNotContain("Skipping");
		assertThat(JsonPath.<String>read(api("GET", "/api/v1/contacts/ann@example.com", null), "$.first_name"))
			.isEqualTo("Annie");

		assertThat(run("contacts", "export", "--status", "unsubscribed")).isZero();
		assertThat(this.out.lines()).hasSize(1);
	}

	private Path csv(String content) throws Exception {
		Path file = Files.createTempFile(this.directory, "contacts", ".csv");
		Files.writeString(file, content);
		return file;
	}

	private String api(String method, String uri, String json) {
		var request = this.mvc.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token);
		if (json != null) {
			request = request.contentType(MediaType.APPLICATION_JSON).content(json);
		}
		MvcTestResult result = request.exchange();
		assertThat(result.getResponse().getStatus()).as("%s %s", method, uri).isLessThan(300);
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private int status(String uri) {
		return this.mvc.get()
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.exchange()
			.getResponse()
			.getStatus();
	}

	private int run(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--server", ISSUER, "--client-id", this.clientId, "--client-secret", this.clientSecret,
				"--trust-cert", this.dataDirectory.resolve("tls/localhost.crt").toString()));
		CliRun run = CliRun.of(all.toArray(String[]::new));
		this.out = run.out();
		this.err = run.err();
		return run.exitCode();
	}

}
