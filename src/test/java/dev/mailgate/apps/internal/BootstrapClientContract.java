package dev.mailgate.apps.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.Person;
import dev.mailgate.accounts.Role;
import dev.mailgate.accounts.UserId;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The bootstrap client's storage rules, run on H2 and on PostgreSQL by the subclasses.
 */
abstract class BootstrapClientContract {

	static final String SECRET = "an-operator-chosen-secret-of-40-characters";

	private TestDatabase database;

	private WorkspaceId workspace;

	abstract TestDatabase openDatabase();

	@BeforeEach
	void migrate() {
		this.database = openDatabase();
		this.workspace = WorkspaceId.random();
		this.database.jdbc()
			.sql("insert into accounts_workspaces (id, name, created_at) values (?, 'Ops', ?)")
			.params(this.workspace.value(), OffsetDateTime.now())
			.update();
	}

	@AfterEach
	void drop() {
		this.database.close();
	}

	@Test
	void storesTheSecretAsSha256WithPrefixAndLastFourOnly() {
		bootstrap("automation", SECRET).run(null);

		Map<String, Object> row = this.database.jdbc()
			.sql("select s.secret_hash, s.display_prefix, s.last_four, a.client_type, a.workspace_id, a.scopes "
					+ "from apps_client_secrets s join apps_apps a on a.id = s.app_id where a.client_id = 'automation'")
			.query()
			.singleRow();
		assertThat(row.values()).noneMatch((value) -> String.valueOf(value).contains(SECRET));
		assertThat(row.get("secret_hash")).isEqualTo(SecretHash.of(SECRET).hex());
		assertThat(row.get("display_prefix")).isEqualTo("an-o");
		assertThat(row.get("last_four")).isEqualTo("ters");
		assertThat(row.get("client_type")).isEqualTo("CONFIDENTIAL");
		assertThat(row.get("workspace_id")).isEqualTo(this.workspace.value());
		assertThat((String) row.get("scopes")).contains("contacts.write", "campaigns.send", "apps.manage");
	}

	@Test
	void keepsTheFirstSecretWhenStartedAgain() {
		bootstrap("automation", SECRET).run(null);
		bootstrap("automation", "a-different-secret-also-of-40-characters!").run(null);

		assertThat(this.database.jdbc().sql("select secret_hash from apps_client_secrets").query(String.class).list())
			.containsExactly(SecretHash.of(SECRET).hex());
	}

	@Test
	void refusesASecretShorterThan32Characters() {
		assertThatIllegalStateException().isThrownBy(() -> bootstrap("automation", "too-short").run(null))
			.withMessageContaining("at least 32 characters");
		assertThat(this.database.jdbc().sql("select count(*) from apps_apps").query(Long.class).single()).isZero();
	}

	@Test
	void refusesAClientIdWithoutASecret() {
		assertThatIllegalStateException().isThrownBy(() -> bootstrap("automation", null).run(null))
			.withMessageContaining("MAILGATE_BOOTSTRAP_CLIENT_SECRET");
	}

	private BootstrapClient bootstrap(String id, String secret) {
		return new BootstrapClient(new BootstrapClientProperties(id, secret), new OneWorkspace(this.workspace),
				new JdbcApps(this.database.jdbc()), Clock.systemUTC());
	}

	/**
	 * The accounts module as the bootstrap client sees it: a bootstrap workspace and no
	 * one.
	 */
	private record OneWorkspace(WorkspaceId workspace) implements Accounts {

		@Override
		public Optional<WorkspaceId> bootstrapWorkspace() {
			return Optional.of(this.workspace);
		}

		@Override
		public Optional<Person> personByEmail(String email) {
			return Optional.empty();
		}

		@Override
		public Optional<WorkspaceMember> memberByEmail(String email) {
			return Optional.empty();
		}

		@Override
		public Optional<Person> personById(UserId user) {
			return Optional.empty();
		}

		@Override
		public Optional<WorkspaceId> defaultWorkspaceOf(UserId user) {
			return Optional.empty();
		}

		@Override
		public Optional<String> workspaceName(WorkspaceId workspace) {
			return Optional.empty();
		}

		@Override
		public Optional<Role> roleOf(UserId user, WorkspaceId workspace) {
			return Optional.empty();
		}

		@Override
		public List<String> administratorEmails(WorkspaceId workspace) {
			return List.of();
		}

	}

}
