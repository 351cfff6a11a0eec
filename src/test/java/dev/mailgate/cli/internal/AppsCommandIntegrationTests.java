package dev.mailgate.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.support.OAuthFlows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./mailgate apps …} against the running server, over HTTPS, as an operator runs
 * it.
 */
class AppsCommandIntegrationTests extends IntegrationTestSupport {

	private static final Pattern SECRET = Pattern.compile("(mgs_[0-9A-Za-z]{49})");

	private static final Pattern CLIENT_ID = Pattern.compile("Client ID:\\s+(\\S+)");

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	@TempDir
	Path home;

	private String out = "";

	private String err = "";

	private OAuthFlows flows;

	@BeforeEach
	void flows() {
		this.flows = new OAuthFlows(this.mvc);
	}

	@Test
	void createPrintsTheSecretOnceAndShowListsItMasked() {
		assertThat(run("apps", "create", "--name", "CLI Sync", "--scope", "contacts.read,contacts.write")).isZero();
		String clientId = match(CLIENT_ID, this.out);
		String secret = match(SECRET, this.out);
		assertThat(this.out).contains("it will not be shown again");
		assertThat(works(clientId, secret)).isTrue();

		assertThat(run("apps", "list")).isZero();
		assertThat(this.out).contains("CLIENT ID", clientId, "CLI Sync", "confidential", "active");

		assertThat(run("apps", "show", clientId)).isZero();
		assertThat(this.out).contains(secret.substring(0, 8) + "…" + secret.substring(49)).doesNotContain(secret);
	}

	@Test
	void rotateThenRevokeTheUsedSecretNeedsForce() {
		run("apps", "create", "--name", "Rotator", "--scope", "contacts.read");
		String clientId = match(CLIENT_ID, this.out);
		String first = match(SECRET, this.out);
		assertThat(works(clientId, first)).isTrue();

		assertThat(run("apps", "rotate-secret", clientId, "--grace", "1d")).isZero();
		String second = match(SECRET, this.out);
		assertThat(this.out).contains("keep working until");
		assertThat(works(clientId, first)).isTrue();
		assertThat(works(clientId, second)).isTrue();

		run("apps", "show", clientId, "--json");
		String firstId = JsonPath
			.<List<String>>read(this.out, "$.secrets[?(@.prefix == '" + first.substring(0, 8) + "')].id")
			.get(0);
		assertThat(run("apps", "revoke-secret", clientId, firstId)).isEqualTo(1);
		assertThat(this.err).contains("was used at", "--force");
		assertThat(run("apps", "revoke-secret", clientId, firstId, "--force")).isZero();
		assertThat(works(clientId, first)).isFalse();
		assertThat(works(clientId, second)).isTrue();
	}

	@Test
	void suspendResumeAndDelete() {
		run("apps", "create", "--name", "Short-lived", "--scope", "contacts.read");
		String clientId = match(CLIENT_ID, this.out);
		String secret = match(SECRET, this.out);

		assertThat(run("apps", "suspend", clientId)).isZero();
		assertThat(works(clientId, secret)).isFalse();
		assertThat(run("apps", "resume", clientId)).isZero();
		assertThat(works(clientId, secret)).isTrue();
		assertThat(run("apps", "delete", clientId)).isEqualTo(2);
		assertThat(run("apps", "delete", clientId, "--yes")).isZero();
		assertThat(run("apps", "show", clientId)).isEqualTo(1);
		assertThat(this.err).contains("404");
	}

	@Test
	void jsonOutputIsForScripts() {
		run("apps", "create", "--name", "Scripted", "--scope", "contacts.read", "--json");
		String clientId = JsonPath.read(this.out, "$.client_id");

		assertThat(run("apps", "list", "--json")).isZero();
		assertThat(JsonPath.<List<String>>read(this.out, "$[*].client_id")).contains(clientId);
	}

	@Test
	void credentialsFileMustBeReadableByItsOwnerOnly() throws Exception {
		Path file = this.home.resolve("credentials");
		Files.writeString(file, "server=" + ISSUER + "\nclient_id=" + BOOTSTRAP_CLIENT_ID + "\nclient_secret="
				+ BOOTSTRAP_CLIENT_SECRET + "\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

		assertThat(cli("apps", "list", "--credentials", file.toString(), "--trust-cert", certificate())).isEqualTo(1);
		assertThat(this.err).contains("chmod 600");

		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		assertThat(cli("apps", "list", "--credentials", file.toString(), "--trust-cert", certificate())).isZero();
	}

	@Test
	void wrongCredentialsAreAClearError() {
		assertThat(cli("apps", "list", "--server", ISSUER, "--client-id", BOOTSTRAP_CLIENT_ID, "--client-secret",
				"not-the-secret-at-all-not-the-secret", "--trust-cert", certificate()))
			.isEqualTo(1);
		assertThat(this.err).contains("Client authentication failed", "401");
	}

	private int run(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--server", ISSUER, "--client-id", BOOTSTRAP_CLIENT_ID, "--client-secret",
				BOOTSTRAP_CLIENT_SECRET, "--trust-cert", certificate()));
		return cli(all.toArray(String[]::new));
	}

	private int cli(String... args) {
		CliRun run = CliRun.of(args);
		this.out = run.out();
		this.err = run.err();
		return run.exitCode();
	}

	private String certificate() {
		return this.dataDirectory.resolve("tls/localhost.crt").toString();
	}

	private boolean works(String clientId, String secret) {
		return this.flows.token(clientId, secret, "grant_type", "client_credentials").getResponse().getStatus() == 200;
	}

	private static String match(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
		return matcher.group(1);
	}

}
