package dev.mailgate.contacts.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.contacts.BatchItemResult;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.ContactId;
import dev.mailgate.contacts.ContactNotFound;
import dev.mailgate.contacts.ContactQuery;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.FieldDefinition;
import dev.mailgate.contacts.InvalidContact;
import dev.mailgate.contacts.ListId;
import dev.mailgate.contacts.Page;
import dev.mailgate.contacts.VersionMismatch;
import dev.mailgate.platform.CustomPlans;
import dev.mailgate.platform.DurableCommits;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Contacts in the database: reads here, writes through {@link ContactWrites}, lists and
 * fields in {@link JdbcLists} and {@link JdbcFields}.
 */
@Service
class JdbcContacts implements Contacts {

	/**
	 * Where a change without a consent source of its own came from.
	 */
	static final String API_SOURCE = "api";

	private final JdbcClient jdbc;

	private final ContactWrites writes;

	private final JdbcFields fields;

	private final JdbcLists lists;

	private final Clock clock;

	private final BulkTurns bulk;

	private final DurableCommits durable;

	JdbcContacts(JdbcClient jdbc, JdbcTemplate batch, TransactionOperations transactions, JdbcFields fields,
			JdbcLists lists, Clock clock, BulkTurns bulk, ApplicationEventPublisher events, DurableCommits durable,
			CustomPlans plans) {
		this.jdbc = jdbc;
		this.durable = durable;
		this.writes = new ContactWrites(jdbc, batch, transactions, events, plans);
		this.fields = fields;
		this.lists = lists;
		this.clock = clock;
		this.bulk = bulk;
	}

	@Override
	public Contact create(WorkspaceId workspace, ContactChanges changes) {
		if (changes.email() == null) {
			throw new InvalidContact("email", "required for a new contact");
		}
		return single(workspace, new ContactWrites.Write(changes, null, true, null, source(changes))).contact();
	}

	@Override
	public Upserted upsert(WorkspaceId workspace, String email, ContactChanges changes,
			@Nullable Long expectedVersion) {
		String normalized = ContactRules.normalizeEmail(email);
		if (normalized == null) {
			throw new InvalidContact("email", "'%s' is not an email address".formatted(email));
		}
		if (changes.email() != null && !normalized.equals(ContactRules.normalizeEmail(changes.email()))) {
			throw new InvalidContact("email",
					"must match the address in the URL; to change an address, PATCH /api/v1/contacts/{id}");
		}
		// found by its email in the write's own look-up, which also answers If-Match
		ContactChanges withEmail = (changes.email() != null) ? changes : changes.withEmail(normalized);
		return single(workspace, new ContactWrites.Write(withEmail, null, false, expectedVersion, source(changes)));
	}

	@Override
	public List<BatchItemResult> upsertAll(WorkspaceId workspace, List<ContactChanges> items) {
		if (items.size() > MAX_BATCH) {
			throw new InvalidContact("contacts", "a batch has at most %d contacts".formatted(MAX_BATCH));
		}
		List<ContactWrites.Write> batch = items.stream()
			.map((item) -> new ContactWrites.Write(item, null, false, null, source(item)))
			.toList();
		return this.bulk.run(() -> {
			ContactRules rules = rules(workspace);
			List<ContactWrites.Outcome> outcomes = this.writes.apply(workspace, rules, batch, now());
			// a batch is acknowledged whole: it must not vanish in a crash right after
			this.durable.flushAfterCommit();
			return results(outcomes, rules.fields());
		});
	}

	private static List<BatchItemResult> results(List<ContactWrites.Outcome> outcomes,
			Map<String, FieldDefinition> definitions) {
		return IntStream.range(0, outcomes.size()).mapToObj((i) -> {
			ContactWrites.Outcome outcome = outcomes.get(i);
			if (outcome.failure() != null) {
				return new BatchItemResult(i, BatchItemResult.ERROR, null, ContactWrites.errorsOf(outcome.failure()));
			}
			return new BatchItemResult(i, outcome.created() ? BatchItemResult.CREATED : BatchItemResult.UPDATED,
					contact(outcome, definitions), List.of());
		}).toList();
	}

	@Override
	public Optional<Contact> find(WorkspaceId workspace, ContactId id) {
		return one(workspace, "id = :key", id.value());
	}

	@Override
	public Optional<Contact> findByEmail(WorkspaceId workspace, String email) {
		String normalized = ContactRules.normalizeEmail(email);
		return (normalized != null) ? one(workspace, "email = :key", normalized) : Optional.empty();
	}

	@Override
	public Contact update(WorkspaceId workspace, ContactId id, ContactChanges changes, @Nullable Long expectedVersion) {
		return single(workspace, new ContactWrites.Write(changes, id, false, expectedVersion, source(changes)))
			.contact();
	}

	@Override
	public void delete(WorkspaceId workspace, ContactId id, @Nullable Long expectedVersion) {
		long version = version(workspace, id).orElseThrow(() -> new ContactNotFound("Contact " + id));
		if (expectedVersion != null && expectedVersion != IfMatch.ANY && version != expectedVersion) {
			throw VersionMismatch.current("\"" + version + "\"");
		}
		int deleted = this.jdbc.sql("delete from contacts_contacts where workspace_id = ? and id = ? and version = ?")
			.params(workspace.value(), id.value(), version)
			.update();
		if (deleted == 0) {
			throw VersionMismatch.current(version(workspace, id).map((now) -> "\"" + now + "\"").orElse(null));
		}
	}

	private Optional<Long> version(WorkspaceId workspace, ContactId id) {
		return this.jdbc.sql("select version from contacts_contacts where workspace_id = ? and id = ?")
			.params(workspace.value(), id.value())
			.query(Long.class)
			.optional();
	}

	@Override
	public Page<Contact> list(WorkspaceId workspace, ContactQuery query, @Nullable String cursor, int limit) {
		return list(workspace, query, cursor, limit, false);
	}

	@Override
	public Page<Contact> listNewestFirst(WorkspaceId workspace, ContactQuery query, @Nullable String cursor,
			int limit) {
		return list(workspace, query, cursor, limit, true);
	}

	private Page<Contact> list(WorkspaceId workspace, ContactQuery query, @Nullable String cursor, int limit,
			boolean newestFirst) {
		if (limit < 1 || limit > 1000) {
			throw new InvalidContact("limit", "must be between 1 and 1000");
		}
		ContactFilter filter = ContactFilter.of(workspace, query);
		if (cursor != null) {
			filter.after(ListingCursor.decode(cursor, newestFirst));
		}
		List<ContactRow> rows = this.jdbc.sql(filter.listing(newestFirst, limit + 1))
			.params(filter.parameters())
			.query(ContactRow::map)
			.list();
		String next = null;
		if (rows.size() > limit) {
			rows = rows.subList(0, limit);
			ContactRow last = rows.get(limit - 1);
			next = new ListingCursor(last.updatedAt(), last.id(), newestFirst).encode();
		}
		return new Page<>(contacts(workspace, rows), next);
	}

	@Override
	public long count(WorkspaceId workspace, ContactQuery query) {
		ContactFilter filter = ContactFilter.of(workspace, query);
		return this.jdbc.sql("select count(*) from contacts_contacts c where " + filter.where())
			.params(filter.parameters())
			.query(Long.class)
			.single();
	}

	@Override
	public List<FieldDefinition> fields(WorkspaceId workspace) {
		return this.fields.all(workspace);
	}

	@Override
	public FieldDefinition defineField(WorkspaceId workspace, String key, String label,
			dev.mailgate.contacts.FieldType type) {
		return this.fields.define(workspace, key, label, type, now());
	}

	@Override
	public void deleteField(WorkspaceId workspace, String key) {
		this.fields.delete(workspace, key, now());
	}

	@Override
	public List<dev.mailgate.contacts.ContactList> lists(WorkspaceId workspace) {
		return this.lists.all(workspace);
	}

	@Override
	public Optional<dev.mailgate.contacts.ContactList> findList(WorkspaceId workspace, ListId id) {
		return this.lists.find(workspace, id);
	}

	@Override
	public dev.mailgate.contacts.ContactList createList(WorkspaceId workspace, String name, String description) {
		return this.lists.create(workspace, name, description, now());
	}

	@Override
	public dev.mailgate.contacts.ContactList updateList(WorkspaceId workspace, ListId id, @Nullable String name,
			@Nullable String description) {
		return this.lists.update(workspace, id, name, description);
	}

	@Override
	public void deleteList(WorkspaceId workspace, ListId id) {
		this.lists.delete(workspace, id, now());
	}

	@Override
	public void addToList(WorkspaceId workspace, ListId list, List<ContactId> contacts) {
		this.lists.add(workspace, list, contacts, now());
	}

	@Override
	public void removeFromList(WorkspaceId workspace, ListId list, ContactId contact) {
		this.lists.remove(workspace, list, contact, now());
	}

	private Upserted single(WorkspaceId workspace, ContactWrites.Write write) {
		ContactRules rules = rules(workspace);
		ContactWrites.Outcome outcome = this.writes.apply(workspace, rules, List.of(write), now()).get(0);
		if (outcome.failure() != null) {
			throw outcome.failure();
		}
		return new Upserted(contact(outcome, rules.fields()), outcome.created());
	}

	/**
	 * The workspace's field definitions and lists, read once per write and used both to
	 * check it and to answer with the contacts it wrote.
	 */
	private ContactRules rules(WorkspaceId workspace) {
		return new ContactRules(this.fields.all(workspace), new HashSet<>(this.lists.ids(workspace)));
	}

	private static Contact contact(ContactWrites.Outcome outcome, Map<String, FieldDefinition> definitions) {
		ContactRow row = java.util.Objects.requireNonNull(outcome.row());
		return contact(row, definitions, (outcome.lists() != null) ? outcome.lists() : List.of());
	}

	private Optional<Contact> one(WorkspaceId workspace, String condition, Object key) {
		List<ContactRow> rows = this.jdbc
			.sql("select " + ContactRow.COLUMNS + " from contacts_contacts where workspace_id = :ws and " + condition)
			.param("ws", workspace.value())
			.param("key", key)
			.query(ContactRow::map)
			.list();
		return contacts(workspace, rows).stream().findFirst();
	}

	private List<Contact> contacts(WorkspaceId workspace, List<ContactRow> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<String, FieldDefinition> definitions = this.fields.byKey(workspace);
		Map<UUID, List<ListId>> lists = ListMembership.of(this.jdbc, rows.stream().map(ContactRow::id).toList());
		List<Contact> contacts = new ArrayList<>(rows.size());
		rows.forEach((row) -> contacts.add(contact(row, definitions, lists.getOrDefault(row.id(), List.of()))));
		return contacts;
	}

	private static Contact contact(ContactRow row, Map<String, FieldDefinition> definitions, List<ListId> lists) {
		return new Contact(new ContactId(row.id()), row.email(), row.firstName(), row.lastName(), row.status(),
				row.consentSource(), row.consentAt(), row.tags(), FieldValues.read(row.fields(), definitions),
				List.copyOf(lists), row.createdAt(), row.updatedAt(), row.version());
	}

	private static String source(ContactChanges changes) {
		return (changes.consentSource() != null) ? changes.consentSource() : API_SOURCE;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * The SQL condition of a listing, with its named parameters.
	 */
	static final class ContactFilter {

		/**
		 * Earlier than any contact's last change: the lower bound of a listing that has
		 * no other.
		 */
		static final OffsetDateTime EVER = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

		private final StringBuilder where = new StringBuilder("c.workspace_id = :ws");

		private final Map<String, Object> parameters = new LinkedHashMap<>();

		private boolean bounded;

		static ContactFilter of(WorkspaceId workspace, ContactQuery query) {
			ContactFilter filter = new ContactFilter();
			filter.parameters.put("ws", workspace.value());
			if (query.status() != null) {
				filter.and("c.status = :status", "status", query.status().name());
			}
			if (query.updatedSince() != null) {
				filter.and("c.updated_at >= :since", "since", Timestamps.utc(query.updatedSince()));
				filter.bounded = true;
			}
			if (query.tag() != null) {
				filter.and(
						"exists (select 1 from contacts_tags t where t.contact_id = c.id "
								+ "and t.workspace_id = :ws and t.tag = :tag)",
						"tag", query.tag().strip().toLowerCase(Locale.ROOT));
			}
			if (query.list() != null) {
				filter.and("exists (select 1 from contacts_list_members m where m.contact_id = c.id "
						+ "and m.list_id = :list)", "list", query.list().value());
			}
			if (query.search() != null && !query.search().isBlank()) {
				String like = "%" + query.search()
					.strip()
					.toLowerCase(Locale.ROOT)
					.replace("\\", "\\\\")
					.replace("%", "\\%")
					.replace("_", "\\_") + "%";
				filter.and("(c.email like :search or lower(c.first_name) like :search "
						+ "or lower(c.last_name) like :search or lower(concat(c.first_name, ' ', c.last_name)) like :search)",
						"search", like);
			}
			return filter;
		}

		void after(ListingCursor cursor) {
			String beyond = cursor.newestFirst() ? "<" : ">";
			// The first term is implied by the second; it is the range H2 can seek to.
			and("c.updated_at %s= :cursor_at".formatted(beyond), "cursor_at", Timestamps.utc(cursor.updatedAt()));
			and("(c.updated_at %s :cursor_at or (c.updated_at = :cursor_at and c.id %s :cursor_id))".formatted(beyond,
					beyond), "cursor_id", cursor.id());
			this.bounded = true;
		}

		/**
		 * The statement of one page in the order of {@code contacts_contacts_updated_ix}.
		 * <p>
		 * H2 picks an index by cost, and an index sorted by the first of three order
		 * columns costs it about as much as one sorted by all three. With only the
		 * workspace's equality in the condition, it took the foreign key's index
		 * ({@code workspace_id} alone) and sorted the whole workspace for every page: one
		 * to five seconds a page at a million contacts, and {@code 503}s once the pool's
		 * connections were all sorting. A range on {@code updated_at} makes the listing's
		 * index the cheap one, so a listing without one gets a range that holds every
		 * contact. Naming the workspace in the order lets both databases read the index
		 * as it is.
		 * @param newestFirst whether the latest change comes first
		 * @param rows how many rows at most
		 * @return the statement, whose parameters are {@link #parameters()}
		 */
		String listing(boolean newestFirst, int rows) {
			if (!this.bounded) {
				and("c.updated_at >= :ever", "ever", EVER);
				this.bounded = true;
			}
			String order = newestFirst ? " order by c.workspace_id desc, c.updated_at desc, c.id desc"
					: " order by c.workspace_id, c.updated_at, c.id";
			return "select " + ContactRow.COLUMNS + " from contacts_contacts c where " + where() + order + " limit "
					+ rows;
		}

		private void and(String condition, String name, @Nullable Object value) {
			this.where.append(" and ").append(condition);
			this.parameters.put(name, value);
		}

		String where() {
			return this.where.toString();
		}

		Map<String, Object> parameters() {
			return this.parameters;
		}

	}

}
