package dev.mailgate.accounts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.Person;
import dev.mailgate.accounts.Role;
import dev.mailgate.accounts.UserId;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.platform.CacheEvictions;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Accounts in the database. A person (id, email and name) and their default workspace are
 * read for every token a person's grant issues (the code exchange and every refresh),
 * where the two queries took 13 % of a code exchange and 7 % of a refresh
 * (docs/benchmarks.md). Both are kept in memory once found: a person's id, email and name
 * never change once registered, and a new membership, which could change which workspace
 * comes first, evicts the person's default workspace on every node
 * ({@link Accounts#DEFAULT_WORKSPACES}). A look-up that finds nobody is not kept, so a
 * person who signs up is found at once.
 */
@Repository
class JdbcAccounts implements Accounts {

	private static final String USER_COLUMNS = "select id, email, display_name, password_hash, platform_admin, created_at from accounts_users ";

	private final JdbcClient jdbc;

	private final CacheEvictions evictions;

	/**
	 * By the email as it was asked for (any case); bounded, so that spellings of one
	 * address cannot fill it.
	 */
	private final Cache<String, Person> peopleByEmail = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofHours(1))
		.build();

	private final Cache<UserId, WorkspaceId> defaultWorkspaces = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofHours(1))
		.build();

	JdbcAccounts(JdbcClient jdbc, CacheEvictions evictions) {
		this.jdbc = jdbc;
		this.evictions = evictions;
		evictions.listen(DEFAULT_WORKSPACES,
				(user) -> this.defaultWorkspaces.invalidate(new UserId(UUID.fromString(user))));
	}

	Optional<UserRow> userByEmail(EmailAddress email) {
		return this.jdbc.sql(USER_COLUMNS + "where email = ?")
			.param(email.value())
			.query(JdbcAccounts::user)
			.optional();
	}

	Optional<UserRow> user(UserId id) {
		return this.jdbc.sql(USER_COLUMNS + "where id = ?").param(id.value()).query(JdbcAccounts::user).optional();
	}

	boolean hasUsers() {
		return this.jdbc.sql("select count(*) from accounts_users").query(Long.class).single() > 0;
	}

	boolean hasPlatformAdmin() {
		return this.jdbc.sql("select count(*) from accounts_users where platform_admin = true")
			.query(Long.class)
			.single() > 0;
	}

	void insert(UserRow user) {
		this.jdbc.sql("""
				insert into accounts_users (id, email, display_name, password_hash, platform_admin, created_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(user.id().value(), user.email().value(), user.displayName(), user.passwordHash(),
					user.platformAdmin(), Timestamps.utc(user.createdAt()))
			.update();
	}

	void insertWorkspace(WorkspaceId id, String name, Instant createdAt) {
		this.jdbc.sql("insert into accounts_workspaces (id, name, created_at) values (?, ?, ?)")
			.params(id.value(), name, Timestamps.utc(createdAt))
			.update();
	}

	void insertMembership(WorkspaceId workspace, UserId user, Role role, Instant createdAt) {
		this.jdbc.sql("insert into accounts_memberships (workspace_id, user_id, role, created_at) values (?, ?, ?, ?)")
			.params(workspace.value(), user.value(), role.name(), Timestamps.utc(createdAt))
			.update();
		this.evictions.evict(DEFAULT_WORKSPACES, user.toString());
	}

	List<Membership> membershipsOf(UserId user) {
		return this.jdbc.sql("""
				select w.id, w.name, m.role from accounts_memberships m
				join accounts_workspaces w on w.id = m.workspace_id
				where m.user_id = ? order by w.created_at, w.name""")
			.param(user.value())
			.query((rs, row) -> new Membership(new WorkspaceId(rs.getObject(1, UUID.class)), rs.getString(2),
					Role.valueOf(rs.getString(3))))
			.list();
	}

	void recordSignIn(UserId user, Instant at) {
		this.jdbc.sql("update accounts_users set last_sign_in_at = ? where id = ?")
			.params(Timestamps.utc(at), user.value())
			.update();
	}

	void changePassword(UserId user, String passwordHash) {
		this.jdbc.sql("update accounts_users set password_hash = ? where id = ?")
			.params(passwordHash, user.value())
			.update();
	}

	@Override
	public Optional<WorkspaceId> bootstrapWorkspace() {
		return this.jdbc.sql("""
				select m.workspace_id from accounts_memberships m
				join accounts_users u on u.id = m.user_id
				where u.platform_admin = true and m.role = 'OWNER'
				order by u.created_at, m.created_at""")
			.query((rs, row) -> new WorkspaceId(rs.getObject(1, UUID.class)))
			.list()
			.stream()
			.findFirst();
	}

	@Override
	public Optional<Person> personByEmail(String email) {
		// a look-up that finds nobody answers null, which Caffeine does not keep
		return Optional.ofNullable(this.peopleByEmail.get(email, this::findPerson));
	}

	private @Nullable Person findPerson(String email) {
		try {
			return userByEmail(EmailAddress.of(email))
				.map((user) -> new Person(user.id(), user.email().value(), user.displayName()))
				.orElse(null);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@Override
	public Optional<WorkspaceMember> memberByEmail(String email) {
		return personByEmail(email).flatMap((person) -> membershipsOf(person.id()).stream()
			.findFirst()
			.map((membership) -> new WorkspaceMember(person, membership.workspace(), membership.workspaceName(),
					membership.role())));
	}

	@Override
	public Optional<Person> personById(UserId user) {
		return user(user).map((found) -> new Person(found.id(), found.email().value(), found.displayName()));
	}

	@Override
	public Optional<WorkspaceId> defaultWorkspaceOf(UserId user) {
		return Optional.ofNullable(this.defaultWorkspaces.get(user,
				(key) -> membershipsOf(key).stream().map(Membership::workspace).findFirst().orElse(null)));
	}

	@Override
	public Optional<String> workspaceName(WorkspaceId workspace) {
		return this.jdbc.sql("select name from accounts_workspaces where id = ?")
			.param(workspace.value())
			.query(String.class)
			.optional();
	}

	@Override
	public Optional<Role> roleOf(UserId user, WorkspaceId workspace) {
		return this.jdbc.sql("select role from accounts_memberships where user_id = ? and workspace_id = ?")
			.params(user.value(), workspace.value())
			.query((rs, row) -> Role.valueOf(rs.getString(1)))
			.optional();
	}

	@Override
	public List<String> administratorEmails(WorkspaceId workspace) {
		return this.jdbc.sql("""
				select u.email from accounts_memberships m join accounts_users u on u.id = m.user_id
				where m.workspace_id = ? and m.role in ('OWNER', 'ADMIN') order by u.email""")
			.param(workspace.value())
			.query(String.class)
			.list();
	}

	private static UserRow user(ResultSet rs, int row) throws SQLException {
		return new UserRow(new UserId(rs.getObject("id", UUID.class)), new EmailAddress(rs.getString("email")),
				rs.getString("display_name"), rs.getString("password_hash"), rs.getBoolean("platform_admin"),
				Objects.requireNonNull(Timestamps.instant(rs, "created_at")));
	}

}
