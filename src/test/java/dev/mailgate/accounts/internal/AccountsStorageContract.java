package dev.mailgate.accounts.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.Role;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.platform.CacheEvictions;
import dev.mailgate.platform.Console;
import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The accounts storage rules, run once on H2 and once on PostgreSQL by the subclasses.
 */
abstract class AccountsStorageContract {

	private TestDatabase database;

	private JdbcAccounts accounts;

	private Registration registration;

	private final SharedEvictions evictions = new SharedEvictions();

	private final ByteArrayOutputStream console = new ByteArrayOutputStream();

	abstract TestDatabase openDatabase();

	@BeforeEach
	void migrate() {
		this.database = openDatabase();
		this.accounts = new JdbcAccounts(this.database.jdbc(), this.evictions);
		this.registration = new Registration(this.accounts, new PageSecurity().passwordEncoder(), Clock.systemUTC());
	}

	@AfterEach
	void drop() {
		this.database.close();
	}

	@Test
	void registersUserAsOwnerOfANewWorkspace() {
		SignedInUser user = this.registration.register(account("ada@example.com", "Ada's team"));

		assertThat(this.accounts.membershipsOf(user.id())).singleElement().satisfies((membership) -> {
			assertThat(membership.workspaceName()).isEqualTo("Ada's team");
			assertThat(membership.role()).isEqualTo(Role.OWNER);
		});
	}

	@Test
	void findsUserByEmailWhateverTheCaseTyped() {
		this.registration.register(account("Grace.Hopper@Example.com", "Navy"));

		assertThat(this.accounts.userByEmail(EmailAddress.of("  grace.hopper@EXAMPLE.com ")))
			.hasValueSatisfying((user) -> assertThat(user.email().value()).isEqualTo("grace.hopper@example.com"));
	}

	@Test
	void findsAPersonWhoSignsUpRightAfterALookUpFoundNobody() {
		assertThat(this.accounts.personByEmail("ada@example.com")).isEmpty();

		this.registration.register(account("ada@example.com", "Team"));

		assertThat(this.accounts.personByEmail("ada@example.com"))
			.hasValueSatisfying((person) -> assertThat(person.displayName()).isEqualTo("Ada Lovelace"));
		assertThat(this.accounts.personByEmail(" ADA@Example.com")).map((person) -> person.email())
			.hasValue("ada@example.com");
		assertThat(this.accounts.personByEmail("not an address")).isEmpty();
	}

	/**
	 * The default workspace is the earliest created of a person's workspaces, and token
	 * claims read it for every token, from memory once found: a new membership must reach
	 * every node's copy.
	 */
	@Test
	void aNewMembershipInAnEarlierWorkspaceBecomesTheDefaultWorkspaceOnEveryNode() {
		SignedInUser ada = this.registration.register(account("ada@example.com", "Ada's team"));
		JdbcAccounts otherNode = new JdbcAccounts(this.database.jdbc(), this.evictions);
		WorkspaceId own = this.accounts.defaultWorkspaceOf(ada.id()).orElseThrow();
		assertThat(otherNode.defaultWorkspaceOf(ada.id())).hasValue(own);

		WorkspaceId earlier = WorkspaceId.random();
		Instant now = Instant.now();
		this.accounts.insertWorkspace(earlier, "Founders", now.minus(Duration.ofDays(30)));
		this.accounts.insertMembership(earlier, ada.id(), Role.MEMBER, now);

		assertThat(this.accounts.defaultWorkspaceOf(ada.id())).hasValue(earlier);
		assertThat(otherNode.defaultWorkspaceOf(ada.id())).hasValue(earlier);
		assertThat(this.evictions.evicted).contains(Accounts.DEFAULT_WORKSPACES + " " + ada.id());
	}

	@Test
	void refusesSecondAccountForTheSameEmailAndWritesNothing() {
		this.registration.register(account("ada@example.com", "First"));
		long workspaces = count("accounts_workspaces");

		assertThatExceptionOfType(EmailAlreadyRegistered.class)
			.isThrownBy(() -> this.registration.register(account("ADA@example.com", "Second")));
		assertThat(count("accounts_workspaces")).isEqualTo(workspaces);
		assertThat(count("accounts_users")).isOne();
	}

	@Test
	void storesPasswordsAsArgon2idHashesNeverInClear() {
		this.registration.register(account("ada@example.com", "Team"));

		String stored = this.database.jdbc()
			.sql("select password_hash from accounts_users")
			.query(String.class)
			.single();
		assertThat(stored).startsWith("{argon2}$argon2id$").doesNotContain("correct horse battery");
	}

	@Test
	void generatesFirstAdminOnEmptyDatabaseOnceAndPrintsPasswordOnlyOnConsole() {
		start(bootstrap(null, null));
		start(bootstrap(null, null));

		String printed = this.console.toString(StandardCharsets.UTF_8);
		String password = printed.lines()
			.filter((line) -> line.strip().startsWith("Password"))
			.map((line) -> line.strip().substring("Password".length()).strip())
			.findFirst()
			.orElseThrow();
		assertThat(printed).contains("https://localhost:8443/login").contains("admin@localhost");
		assertThat(count("accounts_users")).isOne();
		UserRow admin = this.accounts.userByEmail(EmailAddress.of("admin@localhost")).orElseThrow();
		assertThat(admin.platformAdmin()).isTrue();
		assertThat(new PageSecurity().passwordEncoder().matches(password, admin.passwordHash())).isTrue();
		assertThat(this.accounts.bootstrapWorkspace()).isPresent();
	}

	@Test
	void createsConfiguredAdminOnlyWhileNoAdministratorExists() {
		start(bootstrap("ops@example.com", "ops-password-long-enough"));
		start(bootstrap("other@example.com", "other-password-long-enough"));

		assertThat(this.accounts.userByEmail(EmailAddress.of("ops@example.com"))).hasValueSatisfying((user) -> {
			assertThat(user.platformAdmin()).isTrue();
			assertThat(new PageSecurity().passwordEncoder().matches("ops-password-long-enough", user.passwordHash()))
				.as("the hash computed while Mailgate started is the password's")
				.isTrue();
		});
		assertThat(this.accounts.userByEmail(EmailAddress.of("other@example.com"))).isEmpty();
		assertThat(this.console.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void refusesToStartWithOnlyOneOfAdminEmailAndPassword() {
		assertThatIllegalStateException().isThrownBy(() -> start(bootstrap("ops@example.com", null)))
			.withMessageContaining("MAILGATE_BOOTSTRAP_ADMIN_PASSWORD");
	}

	private AdminBootstrap bootstrap(String email, String password) {
		MockEnvironment environment = new MockEnvironment().withProperty("server.ssl.enabled", "true")
			.withProperty("local.server.port", "8443");
		return new AdminBootstrap(new BootstrapAdminProperties(email, password), this.accounts, this.registration,
				new PageSecurity().passwordEncoder(),
				new Console(new PrintStream(this.console, true, StandardCharsets.UTF_8)), environment);
	}

	/**
	 * As Spring starts it: initialized when the bean is created (the password's hash
	 * starts then, in the background), run once the application has started.
	 */
	private static void start(AdminBootstrap bootstrap) {
		bootstrap.afterPropertiesSet();
		bootstrap.run(new DefaultApplicationArguments());
	}

	private long count(String table) {
		return this.database.jdbc().sql("select count(*) from " + table).query(Long.class).single();
	}

	private static NewAccount account(String email, String workspace) {
		return new NewAccount(EmailAddress.of(email), "Ada Lovelace", "correct horse battery staple", workspace, false);
	}

	/**
	 * The nodes' caches as one bus: an eviction reaches every instance's listeners (the
	 * database-backed delivery between nodes has tests of its own).
	 */
	private static final class SharedEvictions implements CacheEvictions {

		private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();

		private final List<String> evicted = new ArrayList<>();

		@Override
		public void evict(String cache, String key) {
			this.evicted.add(cache + " " + key);
			this.listeners.getOrDefault(cache, List.of()).forEach((listener) -> listener.accept(key));
		}

		@Override
		public void listen(String cache, Consumer<String> listener) {
			this.listeners.computeIfAbsent(cache, (name) -> new ArrayList<>()).add(listener);
		}

	}

}
