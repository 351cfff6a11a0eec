package dev.mailgate.contacts.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.FieldDefinition;
import dev.mailgate.contacts.ListId;
import org.jspecify.annotations.Nullable;

/**
 * What each column of an upload holds, and the list every imported contact joins.
 *
 * @param columns one target per column of the header, in order
 * @param addTo the list every imported contact is added to, or {@code null}
 */
record ImportMapping(List<ColumnTarget> columns, @Nullable ListId addTo) {

	/**
	 * The mapping the headers suggest.
	 */
	static ImportMapping guess(List<String> header, List<FieldDefinition> fields, List<ContactList> lists) {
		List<ColumnTarget> columns = new ArrayList<>();
		Set<String> taken = new HashSet<>();
		for (String name : header) {
			ColumnTarget target = ColumnTarget.guess(name, fields, lists);
			columns
				.add(taken.add(target.value()) || target.kind() == ColumnTarget.Kind.SKIP ? target : ColumnTarget.SKIP);
		}
		return new ImportMapping(columns, null);
	}

	/**
	 * The mapping the form posted ({@code column0}, {@code column1}, … and
	 * {@code addTo}); unknown targets skip their column.
	 */
	static ImportMapping read(Map<String, String> params, int columns) {
		List<ColumnTarget> targets = new ArrayList<>();
		for (int i = 0; i < columns; i++) {
			targets.add(ColumnTarget.parse(params.getOrDefault("column" + i, "skip")).orElse(ColumnTarget.SKIP));
		}
		String addTo = params.get("addTo");
		return new ImportMapping(targets, (addTo != null) ? ListId.parse(addTo).orElse(null) : null);
	}

	/**
	 * What keeps this mapping from running, in words for the mapping page; nothing when
	 * it can run.
	 */
	List<String> problems(List<String> header, List<FieldDefinition> fields, List<ContactList> lists) {
		List<String> problems = new ArrayList<>();
		if (this.columns.stream().noneMatch((target) -> target.kind() == ColumnTarget.Kind.EMAIL)) {
			problems.add("Choose the column that holds the email addresses: every contact needs one.");
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < this.columns.size(); i++) {
			ColumnTarget target = this.columns.get(i);
			if (target.kind() != ColumnTarget.Kind.SKIP && !seen.add(target.value())) {
				problems.add("Two columns go to the same place (the second is %s); skip one of them."
					.formatted(header.get(i)));
			}
			if (target.kind() == ColumnTarget.Kind.FIELD
					&& fields.stream().noneMatch((field) -> field.key().equals(target.key()))) {
				problems.add("The custom field of column %s no longer exists.".formatted(header.get(i)));
			}
			if (target.kind() == ColumnTarget.Kind.LIST
					&& lists.stream().noneMatch((list) -> list.id().toString().equals(target.key()))) {
				problems.add("The list of column %s no longer exists.".formatted(header.get(i)));
			}
		}
		if (this.addTo != null && lists.stream().noneMatch((list) -> list.id().equals(this.addTo))) {
			problems.add("The list to add everyone to no longer exists.");
		}
		return problems;
	}

	ColumnTarget target(int column) {
		return (column < this.columns.size()) ? this.columns.get(column) : ColumnTarget.SKIP;
	}

}
