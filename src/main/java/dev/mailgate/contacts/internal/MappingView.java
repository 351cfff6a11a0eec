package dev.mailgate.contacts.internal;

import java.util.ArrayList;
import java.util.List;

import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.FieldDefinition;

/**
 * The mapping step as the page shows it: each column with its sample values and where it
 * goes, and the choices of its select.
 */
public record MappingView(List<Column> columns, List<Option> contactOptions, List<Option> fieldOptions,
		List<Option> listOptions) {

	static MappingView of(CsvUpload upload, ImportMapping mapping, List<FieldDefinition> fields,
			List<ContactList> lists) {
		List<Column> columns = new ArrayList<>();
		for (int i = 0; i < upload.header().size(); i++) {
			final int column = i;
			List<String> samples = upload.samples()
				.stream()
				.map((row) -> shorten(CsvUpload.cell(row, column)))
				.toList();
			columns.add(new Column(i, upload.header().get(i), samples, mapping.target(i).value()));
		}
		List<Option> contact = List.of(new Option("skip", "Don't import"), new Option("email", "Email"),
				new Option("first_name", "First name"), new Option("last_name", "Last name"),
				new Option("status", "Status"), new Option("tags", "Tags"), new Option("lists", "Lists (list names)"));
		List<Option> custom = fields.stream()
			.map((field) -> new Option("field:" + field.key(), field.label() + " (" + typeName(field) + ")"))
			.toList();
		List<Option> onList = lists.stream()
			.map((list) -> new Option("list:" + list.id(), "On the list " + list.name() + " (yes/no)"))
			.toList();
		return new MappingView(columns, contact, custom, onList);
	}

	static String typeName(FieldDefinition field) {
		return switch (field.type()) {
			case TEXT -> "text";
			case NUMBER -> "number";
			case DATE -> "date";
			case BOOLEAN -> "yes/no";
		};
	}

	private static String shorten(String cell) {
		String value = cell.strip();
		return (value.length() > 60) ? value.substring(0, 60) + "…" : value;
	}

	public record Column(int index, String header, List<String> samples, String target) {
	}

	public record Option(String value, String label) {
	}

}
