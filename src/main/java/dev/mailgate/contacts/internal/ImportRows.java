package dev.mailgate.contacts.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.FieldDefinition;
import dev.mailgate.contacts.FieldError;
import dev.mailgate.contacts.ListId;
import dev.mailgate.contacts.SubscriptionStatus;
import org.jspecify.annotations.Nullable;

/**
 * Turns the rows of a CSV file into contact changes by its mapping. An empty cell changes
 * nothing; names, status and custom fields take the cell's value; tags from the file are
 * added to the contact's; lists are joined, never left.
 */
final class ImportRows {

	private final ImportMapping mapping;

	private final List<String> header;

	private final Map<String, FieldDefinition> fields = new LinkedHashMap<>();

	private final Map<String, ListId> listsByName = new LinkedHashMap<>();

	private final String source;

	ImportRows(ImportMapping mapping, List<String> header, List<FieldDefinition> fields, List<ContactList> lists,
			String source) {
		this.mapping = mapping;
		this.header = header;
		this.source = source;
		fields.forEach((field) -> this.fields.put(field.key(), field));
		lists.forEach((list) -> this.listsByName.put(list.name().toLowerCase(Locale.ROOT), list.id()));
	}

	/**
	 * One row as a change, the lists it joins, and what is wrong with it (each problem
	 * naming the column, as the file's header does).
	 * @param line the row's line in the file, the header being line 1
	 */
	Row convert(long line, List<String> cells) {
		Draft draft = new Draft();
		if (this.mapping.addTo() != null) {
			draft.lists.add(this.mapping.addTo());
		}
		for (int i = 0; i < this.header.size(); i++) {
			String cell = CsvCells.imported(CsvUpload.cell(cells, i)).strip();
			if (!cell.isEmpty()) {
				read(this.mapping.target(i), cell, this.header.get(i), draft);
			}
		}
		if (draft.email.isEmpty()) {
			draft.errors.add(new FieldError(emailColumn(), "empty; every contact needs an email address"));
		}
		else if (ContactRules.normalizeEmail(draft.email) == null) {
			draft.errors.add(new FieldError(emailColumn(), "'%s' is not an email address".formatted(draft.email)));
		}
		ContactChanges changes = new ContactChanges(draft.email, draft.firstName, draft.lastName, draft.status,
				this.source, draft.tags, draft.values.isEmpty() ? null : draft.values, null);
		return new Row(line, draft.email, changes, List.copyOf(draft.lists), draft.errors);
	}

	/**
	 * Puts one non-empty cell where its column goes.
	 */
	private void read(ColumnTarget target, String cell, String column, Draft draft) {
		switch (target.kind()) {
			case EMAIL -> draft.email = cell;
			case FIRST_NAME -> draft.firstName = cell;
			case LAST_NAME -> draft.lastName = cell;
			case STATUS -> draft.status = status(cell, column, draft.errors);
			case TAGS -> draft.tags = ContactForm.tagList(cell);
			case LISTS -> draft.lists.addAll(listsNamed(cell, column, draft.errors));
			case LIST -> {
				if (FieldText.TRUE.contains(cell.toLowerCase(Locale.ROOT)) || "x".equalsIgnoreCase(cell)) {
					draft.lists.add(ListId.parse(String.valueOf(target.key())).orElseThrow());
				}
			}
			case FIELD -> {
				FieldDefinition field = this.fields.get(target.key());
				if (field != null) {
					draft.values.put(field.key(), FieldText.parse(field, cell, column, draft.errors));
				}
			}
			case SKIP -> {
			}
		}
	}

	/**
	 * An error of the contacts module, such as {@code fields.size} or {@code tags[2]},
	 * said with the name of the file's column.
	 */
	String reason(FieldError error) {
		String field = error.field().replaceAll("\\[\\d+]$", "");
		for (int i = 0; i < this.header.size(); i++) {
			ColumnTarget target = this.mapping.target(i);
			String name = switch (target.kind()) {
				case EMAIL -> "email";
				case FIRST_NAME -> "first_name";
				case LAST_NAME -> "last_name";
				case STATUS -> "status";
				case TAGS -> "tags";
				case FIELD -> "fields." + target.key();
				default -> "";
			};
			if (name.equals(field)) {
				return this.header.get(i) + ": " + error.detail();
			}
		}
		return error.field() + ": " + error.detail();
	}

	private String emailColumn() {
		for (int i = 0; i < this.header.size(); i++) {
			if (this.mapping.target(i).kind() == ColumnTarget.Kind.EMAIL) {
				return this.header.get(i);
			}
		}
		return "email";
	}

	private static @Nullable SubscriptionStatus status(String cell, String column, List<FieldError> errors) {
		SubscriptionStatus status = SubscriptionStatus.parse(cell).orElse(null);
		if (status == null) {
			errors.add(new FieldError(column,
					"'%s' is not a status (write subscribed, unsubscribed, cleaned or pending)".formatted(cell)));
		}
		return status;
	}

	/**
	 * List names separated by semicolons, or by commas when no list has the cell's whole
	 * text as its name.
	 */
	private List<ListId> listsNamed(String cell, String column, List<FieldError> errors) {
		ListId whole = this.listsByName.get(cell.toLowerCase(Locale.ROOT));
		if (whole != null) {
			return List.of(whole);
		}
		List<ListId> ids = new ArrayList<>();
		for (String name : Arrays.asList(cell.split(cell.contains(";") ? ";" : ","))) {
			if (name.isBlank()) {
				continue;
			}
			ListId id = this.listsByName.get(name.strip().toLowerCase(Locale.ROOT));
			if (id == null) {
				errors.add(new FieldError(column,
						"there is no list named '%s'; create it on the Lists page first".formatted(name.strip())));
			}
			else {
				ids.add(id);
			}
		}
		return ids;
	}

	/**
	 * What the cells of one row said so far.
	 */
	private static final class Draft {

		private final List<FieldError> errors = new ArrayList<>();

		private final Map<String, @Nullable Object> values = new LinkedHashMap<>();

		private final Set<ListId> lists = new LinkedHashSet<>();

		private String email = "";

		private @Nullable String firstName;

		private @Nullable String lastName;

		private @Nullable SubscriptionStatus status;

		private @Nullable List<String> tags;

	}

	/**
	 * A row of the file, ready to import unless it has errors.
	 */
	record Row(long line, String email, ContactChanges changes, List<ListId> lists, List<FieldError> errors) {

		/**
		 * The same row with what the contact holds already merged in: the file's tags and
		 * lists are added to the contact's, so that the one write of the batch carries
		 * them all (no second step a crash could leave undone).
		 */
		Row merged(ImportLookups.Known existing) {
			ContactChanges c = this.changes;
			@Nullable List<String> tags = c.tags();
			if (tags != null && !existing.tags().isEmpty()) {
				tags = new ArrayList<>(existing.tags());
				tags.addAll(c.tags());
			}
			@Nullable List<ListId> lists = null;
			if (!this.lists.isEmpty()) {
				Set<ListId> all = new LinkedHashSet<>(existing.lists());
				all.addAll(this.lists);
				lists = List.copyOf(all);
			}
			return new Row(this.line, this.email, new ContactChanges(c.email(), c.firstName(), c.lastName(), c.status(),
					c.consentSource(), tags, c.fields(), lists), this.lists, this.errors);
		}

	}

}
