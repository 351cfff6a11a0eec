package dev.mailgate.contacts.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collector;
import java.util.stream.Collectors;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.contacts.AlreadyExists;
import dev.mailgate.contacts.ContactEvents;
import dev.mailgate.contacts.ContactId;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.ContactNotFound;
import dev.mailgate.contacts.InvalidContact;
import dev.mailgate.contacts.ListId;
import dev.mailgate.platform.CustomPlans;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's lists and who is on them. A membership change is a change of the contact:
 * it moves the contact's version and change time, so an incremental sync sees it.
 */
@Repository
class JdbcLists {

	private static final String SELECT = """
			select l.id, l.name, l.description, l.created_at,
			(select count(*) from contacts_list_members m where m.list_id = l.id) as members
			from contacts_lists l where l.workspace_id = ?
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final CustomPlans plans;

	private final ApplicationEventPublisher events;

	JdbcLists(JdbcClient jdbc, JdbcTemplate batch, ApplicationEventPublisher events, CustomPlans plans) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.events = events;
		this.plans = plans;
	}

	List<ContactList> all(WorkspaceId workspace) {
		return this.jdbc.sql(SELECT + " order by l.name").param(workspace.value()).query(JdbcLists::map).list();
	}

	List<ListId> ids(WorkspaceId workspace) {
		return this.jdbc.sql("select id from contacts_lists where workspace_id = ?")
			.param(workspace.value())
			.query((rs, n) -> new ListId(rs.getObject("id", UUID.class)))
			.list();
	}

	Optional<ContactList> find(WorkspaceId workspace, ListId id) {
		return this.jdbc.sql(SELECT + " and l.id = ?")
			.params(workspace.value(), id.value())
			.query(JdbcLists::map)
			.optional();
	}

	ContactList create(WorkspaceId workspace, String name, String description, Instant now) {
		ListId id = ListId.random();
		try {
			this.jdbc.sql(
					"insert into contacts_lists (id, workspace_id, name, description, created_at) values (?, ?, ?, ?, ?)")
				.params(id.value(), workspace.value(), name(name), description(description), Timestamps.utc(now))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new AlreadyExists("The workspace has a list named " + name.strip());
		}
		return new ContactList(id, name.strip(), description.strip(), 0, now);
	}

	ContactList update(WorkspaceId workspace, ListId id, @Nullable String name, @Nullable String description) {
		ContactList list = find(workspace, id).orElseThrow(() -> new ContactNotFound("List " + id));
		try {
			this.jdbc.sql("update contacts_lists set name = ?, description = ? where id = ?")
				.params((name != null) ? name(name) : list.name(),
						(description != null) ? description(description) : list.description(), id.value())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new AlreadyExists("The workspace has a list named " + Objects.requireNonNull(name).strip());
		}
		return find(workspace, id).orElseThrow();
	}

	@Transactional
	void delete(WorkspaceId workspace, ListId id, Instant now) {
		find(workspace, id).orElseThrow(() -> new ContactNotFound("List " + id));
		Map<UUID, String> members = this.jdbc.sql("""
				select c.id, c.email from contacts_contacts c
				where c.id in (select contact_id from contacts_list_members where list_id = ?)
				""").param(id.value()).query(JdbcLists::idAndEmail).list().stream().collect(emails());
		this.jdbc.sql("""
				update contacts_contacts set version = version + 1, updated_at = ?
				where id in (select contact_id from contacts_list_members where list_id = ?)
				""").params(Timestamps.utc(now), id.value()).update();
		updated(workspace, members, now);
		this.jdbc.sql("delete from contacts_lists where id = ?").param(id.value()).update();
	}

	@Transactional
	void add(WorkspaceId workspace, ListId list, List<ContactId> contacts, Instant now) {
		find(workspace, list).orElseThrow(() -> new ContactNotFound("List " + list));
		if (contacts.isEmpty()) {
			return;
		}
		List<UUID> ids = contacts.stream().map(ContactId::value).distinct().toList();
		// Up to 1,000 ids, one parameter each: see CustomPlans.
		Map<UUID, String> known = this.plans.read(
				() -> this.jdbc.sql("select id, email from contacts_contacts where workspace_id = :ws and id in (:ids)")
					.param("ws", workspace.value())
					.param("ids", ids)
					.query(JdbcLists::idAndEmail)
					.list()
					.stream()
					.collect(emails()));
		if (known.size() != ids.size()) {
			UUID missing = ids.stream().filter((id) -> !known.containsKey(id)).findFirst().orElseThrow();
			throw new ContactNotFound("Contact " + missing);
		}
		Set<UUID> members = this.jdbc
			.sql("select contact_id from contacts_list_members where list_id = :list and contact_id in (:ids)")
			.param("list", list.value())
			.param("ids", ids)
			.query(UUID.class)
			.set();
		List<Object[]> added = ids.stream()
			.filter((id) -> !members.contains(id))
			.map((id) -> new Object[] { list.value(), id, Timestamps.utc(now) })
			.toList();
		if (!added.isEmpty()) {
			this.batch.batchUpdate("insert into contacts_list_members (list_id, contact_id, added_at) values (?, ?, ?)",
					added);
			this.batch.batchUpdate("update contacts_contacts set version = version + 1, updated_at = ? where id = ?",
					added.stream().map((row) -> new Object[] { row[2], row[1] }).toList());
			Map<UUID, String> changed = new LinkedHashMap<>();
			added.forEach((row) -> changed.put((UUID) row[1], known.get((UUID) row[1])));
			updated(workspace, changed, now);
		}
	}

	@Transactional
	void remove(WorkspaceId workspace, ListId list, ContactId contact, Instant now) {
		find(workspace, list).orElseThrow(() -> new ContactNotFound("List " + list));
		int removed = this.jdbc.sql("delete from contacts_list_members where list_id = ? and contact_id = ?")
			.params(list.value(), contact.value())
			.update();
		if (removed == 0) {
			throw new ContactNotFound("Contact %s on list %s".formatted(contact, list));
		}
		this.jdbc.sql("update contacts_contacts set version = version + 1, updated_at = ? where id = ?")
			.params(Timestamps.utc(now), contact.value())
			.update();
		this.jdbc.sql("select email from contacts_contacts where id = ?")
			.param(contact.value())
			.query(String.class)
			.optional()
			.ifPresent((email) -> updated(workspace, Map.of(contact.value(), email), now));
	}

	/**
	 * A change of list membership changes the contact (its version and change time), so
	 * it is published like any other change, inside the writing transaction.
	 */
	private void updated(WorkspaceId workspace, Map<UUID, String> contacts, Instant now) {
		contacts.forEach((id, email) -> this.events
			.publishEvent(new ContactEvents.ContactUpdated(workspace, new ContactId(id), email, now)));
	}

	private static Map.Entry<UUID, String> idAndEmail(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return Map.entry(rs.getObject("id", UUID.class), rs.getString("email"));
	}

	private static Collector<Map.Entry<UUID, String>, ?, Map<UUID, String>> emails() {
		return Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new);
	}

	private static String name(String name) {
		String trimmed = name.strip();
		if (trimmed.isEmpty() || trimmed.length() > ContactRules.MAX_NAME) {
			throw new InvalidContact("name", "1 to %d characters".formatted(ContactRules.MAX_NAME));
		}
		return trimmed;
	}

	private static String description(String description) {
		if (description.length() > 1000) {
			throw new InvalidContact("description", "at most 1000 characters");
		}
		return description.strip();
	}

	private static ContactList map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new ContactList(new ListId(rs.getObject("id", UUID.class)), rs.getString("name"),
				rs.getString("description"), rs.getLong("members"),
				Objects.requireNonNull(Timestamps.instant(rs, "created_at")));
	}

}
