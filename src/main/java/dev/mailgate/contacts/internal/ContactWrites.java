package dev.mailgate.contacts.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.contacts.AlreadyExists;
import dev.mailgate.contacts.ConcurrentWrite;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.ContactEvents;
import dev.mailgate.contacts.ContactId;
import dev.mailgate.contacts.ContactNotFound;
import dev.mailgate.contacts.FieldError;
import dev.mailgate.contacts.InvalidContact;
import dev.mailgate.contacts.ListId;
import dev.mailgate.contacts.SubscriptionStatus;
import dev.mailgate.contacts.VersionMismatch;
import dev.mailgate.platform.CustomPlans;
import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Applies a batch of contact changes with a handful of statements whatever its size: one
 * look-up of the contacts it touches, then batched inserts and updates in one
 * transaction. Each item is checked first and fails alone; the items that pass are
 * written together. A concurrent writer (a version that moved, an email taken meanwhile)
 * makes the whole batch start over once from fresh data. Each contact created or changed
 * is published as a {@link ContactEvents} record inside the writing transaction, from
 * what the batch already holds (no read of its own).
 */
final class ContactWrites {

	private static final String INSERT = """
			insert into contacts_contacts (id, workspace_id, email, first_name, last_name, status, consent_source,
			consent_at, fields, tags, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			""";

	private static final String UPDATE = """
			update contacts_contacts set email = ?, first_name = ?, last_name = ?, status = ?, consent_source = ?,
			consent_at = ?, fields = ?, tags = ?, version = ?, updated_at = ? where id = ? and version = ?
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final TransactionOperations transactions;

	private final ApplicationEventPublisher events;

	private final CustomPlans plans;

	ContactWrites(JdbcClient jdbc, JdbcTemplate batch, TransactionOperations transactions,
			ApplicationEventPublisher events, CustomPlans plans) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.transactions = transactions;
		this.events = events;
		this.plans = plans;
	}

	/**
	 * One item of a write.
	 *
	 * @param id the contact to change, or {@code null} to find it by the change's email
	 * @param createOnly fail when the contact exists
	 * @param expectedVersion {@code If-Match}: the version the caller saw
	 */
	record Write(ContactChanges changes, @Nullable ContactId id, boolean createOnly, @Nullable Long expectedVersion,
			String defaultSource) {
	}

	/**
	 * What became of one write: the row written and whether it is new, or why not.
	 */
	record Outcome(@Nullable ContactRow row, boolean created, @Nullable RuntimeException failure,
			@Nullable List<ListId> lists) {
	}

	List<Outcome> apply(WorkspaceId workspace, ContactRules rules, List<Write> writes, Instant now) {
		try {
			return attempt(workspace, rules, writes, now);
		}
		catch (ConcurrentChange | DuplicateKeyException ex) {
			try {
				return attempt(workspace, rules, writes, now);
			}
			catch (ConcurrentChange | DuplicateKeyException again) {
				throw new ConcurrentWrite();
			}
		}
	}

	private List<Outcome> attempt(WorkspaceId workspace, ContactRules rules, List<Write> writes, Instant now) {
		List<ContactRules.Checked> checked = writes.stream().map((write) -> rules.check(write.changes(), "")).toList();
		// One contact's look-up is planned well either way (the unique index); a batch's
		// thousand parameters are not (CustomPlans).
		Existing existing = (writes.size() == 1) ? existing(workspace, writes, checked)
				: this.plans.read(() -> existing(workspace, writes, checked));
		List<Outcome> outcomes = new ArrayList<>();
		Plan plan = new Plan();
		Set<String> emails = new HashSet<>();
		for (int i = 0; i < writes.size(); i++) {
			outcomes.add(plan(workspace, writes.get(i), checked.get(i), existing, emails, plan, now));
		}
		this.transactions.executeWithoutResult((status) -> {
			plan.execute(this.batch, workspace, now);
			plan.publish(this.events, workspace, now);
		});
		return outcomes;
	}

	private Outcome plan(WorkspaceId workspace, Write write, ContactRules.Checked checked, Existing existing,
			Set<String> emails, Plan plan, Instant now) {
		if (!checked.valid()) {
			return failed(new InvalidContact(checked.errors()));
		}
		ContactChanges changes = checked.changes();
		ContactRow current = (write.id() != null) ? existing.byId.get(write.id().value())
				: existing.byEmail.get(changes.email());
		if (write.id() != null && current == null) {
			return failed(new ContactNotFound("Contact " + write.id()));
		}
		if (current == null && changes.email() == null) {
			return failed(new InvalidContact("email", "required for a new contact"));
		}
		if (write.createOnly() && current != null) {
			return failed(new AlreadyExists(
					"A contact with the email %s exists: %s".formatted(current.email(), current.id())));
		}
		Long expected = write.expectedVersion();
		if (expected != null && (current == null || (expected != IfMatch.ANY && current.version() != expected))) {
			return failed(VersionMismatch.current((current != null) ? "\"" + current.version() + "\"" : null));
		}
		String email = (changes.email() != null) ? changes.email() : current.email();
		ContactRow owner = existing.byEmail.get(email);
		if (owner != null && current != null && !owner.id().equals(current.id())) {
			return failed(new AlreadyExists("Another contact has the email " + email));
		}
		if (!emails.add(email)) {
			return failed(new InvalidContact("email", "appears more than once in this batch"));
		}
		ContactRow row = merge(current, changes, email, write.defaultSource(), now);
		List<ListId> lists = (changes.lists() != null) ? changes.lists()
				: existing.lists.getOrDefault(row.id(), List.of());
		plan.add(current, row, changes, existing.lists.getOrDefault(row.id(), List.of()));
		return new Outcome(row, current == null, null, lists);
	}

	private static ContactRow merge(@Nullable ContactRow current, ContactChanges changes, String email,
			String defaultSource, Instant now) {
		SubscriptionStatus status = (changes.status() != null) ? changes.status()
				: (current != null) ? current.status() : SubscriptionStatus.SUBSCRIBED;
		boolean statusChanged = current == null || current.status() != status;
		String source = statusChanged ? ((changes.consentSource() != null) ? changes.consentSource() : defaultSource)
				: current.consentSource();
		Instant consentAt = statusChanged ? now : current.consentAt();
		Map<String, Object> values = new LinkedHashMap<>();
		if (current != null && current.fields() != null) {
			values.putAll(FieldValues.readRaw(current.fields()));
		}
		if (changes.fields() != null) {
			changes.fields().forEach((key, value) -> {
				if (value == null) {
					values.remove(key);
				}
				else {
					values.put(key, value);
				}
			});
		}
		return new ContactRow((current != null) ? current.id() : TimeOrderedIds.next(now), email,
				text(changes.firstName(), (current != null) ? current.firstName() : null),
				text(changes.lastName(), (current != null) ? current.lastName() : null), status, source, consentAt,
				FieldValues.write(values),
				(changes.tags() != null) ? changes.tags() : (current != null) ? current.tags() : List.of(),
				(current != null) ? current.version() + 1 : 1, (current != null) ? current.createdAt() : now, now);
	}

	private static @Nullable String text(@Nullable String change, @Nullable String current) {
		if (change == null) {
			return current;
		}
		return change.isEmpty() ? null : change;
	}

	private static Outcome failed(RuntimeException failure) {
		return new Outcome(null, false, failure, null);
	}

	private Existing existing(WorkspaceId workspace, List<Write> writes, List<ContactRules.Checked> checked) {
		Set<String> emails = new HashSet<>();
		Set<UUID> ids = new HashSet<>();
		for (int i = 0; i < writes.size(); i++) {
			if (writes.get(i).id() != null) {
				ids.add(writes.get(i).id().value());
			}
			String email = checked.get(i).changes().email();
			if (email != null) {
				emails.add(email);
			}
		}
		List<ContactRow> rows = new ArrayList<>();
		if (!emails.isEmpty()) {
			rows.addAll(this.jdbc
				.sql("select " + ContactRow.COLUMNS
						+ " from contacts_contacts where workspace_id = :ws and email in (:emails)")
				.param("ws", workspace.value())
				.param("emails", emails)
				.query(ContactRow::map)
				.list());
		}
		if (!ids.isEmpty()) {
			rows.addAll(this.jdbc
				.sql("select " + ContactRow.COLUMNS
						+ " from contacts_contacts where workspace_id = :ws and id in (:ids)")
				.param("ws", workspace.value())
				.param("ids", ids)
				.query(ContactRow::map)
				.list());
		}
		return new Existing(rows, ListMembership.of(this.jdbc, rows.stream().map(ContactRow::id).toList()));
	}

	/**
	 * The contacts a batch touches, by id and by email, with their lists.
	 */
	private static final class Existing {

		final Map<UUID, ContactRow> byId = new HashMap<>();

		final Map<String, ContactRow> byEmail = new HashMap<>();

		final Map<UUID, List<ListId>> lists;

		Existing(List<ContactRow> rows, Map<UUID, List<ListId>> lists) {
			rows.forEach((row) -> {
				this.byId.put(row.id(), row);
				this.byEmail.put(row.email(), row);
			});
			this.lists = lists;
		}

	}

	/**
	 * The statements a batch needs, collected while planning and run in one transaction.
	 */
	private static final class Plan {

		private final List<Object[]> inserts = new ArrayList<>();

		private final List<Object[]> updates = new ArrayList<>();

		private final List<Object[]> clearTags = new ArrayList<>();

		private final List<Object[]> tags = new ArrayList<>();

		private final List<Object[]> leaves = new ArrayList<>();

		private final List<Object[]> members = new ArrayList<>();

		private final List<ContactRow> created = new ArrayList<>();

		private final List<ContactRow> changed = new ArrayList<>();

		private final List<ContactRow> unsubscribed = new ArrayList<>();

		void add(@Nullable ContactRow current, ContactRow row, ContactChanges changes, List<ListId> currentLists) {
			if (current == null) {
				this.inserts.add(new Object[] { row.id(), null, row.email(), row.firstName(), row.lastName(),
						row.status().name(), row.consentSource(), Timestamps.utc(row.consentAt()), row.fields(),
						row.tagsColumn(), row.version(), Timestamps.utc(row.createdAt()),
						Timestamps.utc(row.updatedAt()) });
			}
			else {
				this.updates.add(new Object[] { row.email(), row.firstName(), row.lastName(), row.status().name(),
						row.consentSource(), Timestamps.utc(row.consentAt()), row.fields(), row.tagsColumn(),
						row.version(), Timestamps.utc(row.updatedAt()), row.id(), current.version() });
			}
			remember(current, row, changes, currentLists);
			// tags and lists are rewritten only when they change (a sync sends them every
			// time)
			if (changes.tags() != null && (current == null || !current.tags().equals(row.tags()))) {
				if (current != null) {
					this.clearTags.add(new Object[] { row.id() });
				}
				row.tags()
					.forEach((tag) -> this.tags.add(new Object[] { row.id(), null, tag.toLowerCase(Locale.ROOT) }));
			}
			if (changes.lists() != null && (current == null || !currentLists.equals(changes.lists()))) {
				// only the memberships that change: the others keep when they were added
				currentLists.stream()
					.filter((list) -> !changes.lists().contains(list))
					.forEach((list) -> this.leaves.add(new Object[] { list.value(), row.id() }));
				changes.lists()
					.stream()
					.distinct()
					.filter((list) -> !currentLists.contains(list))
					.forEach((list) -> this.members.add(new Object[] { list.value(), row.id(), null }));
			}
		}

		private void remember(@Nullable ContactRow current, ContactRow row, ContactChanges changes,
				List<ListId> currentLists) {
			if (current == null) {
				this.created.add(row);
				return;
			}
			// a sync that sends what the contact already holds changes nothing anyone
			// sees
			boolean listsChanged = changes.lists() != null && !currentLists.equals(changes.lists());
			if (listsChanged || !sameContent(current, row)) {
				this.changed.add(row);
			}
			if (row.status() == SubscriptionStatus.UNSUBSCRIBED
					&& current.status() != SubscriptionStatus.UNSUBSCRIBED) {
				this.unsubscribed.add(row);
			}
		}

		private static boolean sameContent(ContactRow current, ContactRow row) {
			return current.email().equals(row.email()) && Objects.equals(current.firstName(), row.firstName())
					&& Objects.equals(current.lastName(), row.lastName()) && current.status() == row.status()
					&& Objects.equals(current.consentSource(), row.consentSource())
					&& Objects.equals(current.fields(), row.fields()) && current.tags().equals(row.tags());
		}

		void publish(ApplicationEventPublisher events, WorkspaceId workspace, Instant now) {
			this.created.forEach((row) -> events
				.publishEvent(new ContactEvents.ContactCreated(workspace, new ContactId(row.id()), row.email(), now)));
			this.changed.forEach((row) -> events
				.publishEvent(new ContactEvents.ContactUpdated(workspace, new ContactId(row.id()), row.email(), now)));
			this.unsubscribed.forEach((row) -> events.publishEvent(new ContactEvents.ContactUnsubscribed(workspace,
					new ContactId(row.id()), row.email(), row.consentSource(), now)));
		}

		void execute(JdbcTemplate jdbc, WorkspaceId workspace, Instant now) {
			this.inserts.forEach((values) -> values[1] = workspace.value());
			this.tags.forEach((values) -> values[1] = workspace.value());
			this.members.forEach((values) -> values[2] = Timestamps.utc(now));
			if (!this.inserts.isEmpty()) {
				jdbc.batchUpdate(INSERT, this.inserts);
			}
			if (!this.updates.isEmpty()) {
				for (int count : jdbc.batchUpdate(UPDATE, this.updates)) {
					if (count == 0) {
						throw new ConcurrentChange();
					}
				}
			}
			batch(jdbc, "delete from contacts_tags where contact_id = ?", this.clearTags);
			batch(jdbc, "insert into contacts_tags (contact_id, workspace_id, tag) values (?, ?, ?)", this.tags);
			batch(jdbc, "delete from contacts_list_members where list_id = ? and contact_id = ?", this.leaves);
			batch(jdbc, "insert into contacts_list_members (list_id, contact_id, added_at) values (?, ?, ?)",
					this.members);
		}

		private static void batch(JdbcTemplate jdbc, String sql, List<Object[]> values) {
			if (!values.isEmpty()) {
				jdbc.batchUpdate(sql, values);
			}
		}

	}

	/**
	 * Another writer changed a contact between this batch's look-up and its update.
	 */
	private static final class ConcurrentChange extends RuntimeException {

		ConcurrentChange() {
			super("A contact changed while the batch was written", null, false, false);
		}

	}

	/**
	 * Turns an item's failure into the problems the API reports for it.
	 */
	static List<FieldError> errorsOf(RuntimeException failure) {
		if (failure instanceof InvalidContact invalid) {
			return invalid.errors();
		}
		String field = (failure instanceof VersionMismatch) ? "version"
				: (failure instanceof ContactNotFound) ? "id" : "email";
		return List.of(new FieldError(field, failure.getMessage()));
	}

}
