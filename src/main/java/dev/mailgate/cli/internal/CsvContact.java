package dev.mailgate.cli.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One line of a CSV file as a batch item of {@code POST /api/v1/contacts/batch}, with the
 * lists to add the contact to, or what is wrong with it. An empty cell leaves the
 * contact's property as it is.
 *
 * @param line the file's line the record starts on
 * @param email as the file has it
 * @param item the contact's JSON
 * @param lists ids of the lists it goes on
 * @param errors what is wrong, such as {@code company_size: 'lots' is not a number}
 */
record CsvContact(long line, String email, ObjectNode item, Set<String> lists, List<String> errors) {

	private static final Set<String> TRUE = Set.of("true", "yes", "y", "1");

	private static final Set<String> FALSE = Set.of("false", "no", "n", "0");

	static CsvContact read(long line, List<String> values, ImportColumns columns, ListNames lists) {
		ObjectNode item = Connection.JSON.createObjectNode();
		Set<String> listIds = new LinkedHashSet<>();
		List<String> errors = new ArrayList<>();
		for (ImportColumns.Column column : columns.columns()) {
			String value = (column.index() < values.size()) ? values.get(column.index()).strip() : "";
			if (value.isEmpty()) {
				continue;
			}
			if (column.fieldType() != null) {
				field(item.withObjectProperty("fields"), column, value, errors);
			}
			else if (column.target().equals("tags")) {
				ArrayNode tags = item.withArrayProperty("tags");
				split(value).forEach(tags::add);
			}
			else if (column.target().equals("lists")) {
				for (String list : split(value)) {
					lists.idOf(list)
						.ifPresentOrElse(listIds::add, () -> errors
							.add("%s: no list named '%s'; create it first".formatted(column.header(), list)));
				}
			}
			else {
				item.put(column.target(), column.target().equals("status") ? value.toLowerCase(Locale.ROOT) : value);
			}
		}
		String email = item.path("email").asString("");
		if (email.isEmpty()) {
			errors.add("email: missing");
		}
		return new CsvContact(line, email, item, listIds, errors);
	}

	private static void field(ObjectNode fields, ImportColumns.Column column, String value, List<String> errors) {
		String key = column.target();
		try {
			switch (String.valueOf(column.fieldType())) {
				case "number" -> fields.put(key, new BigDecimal(value));
				case "date" -> fields.put(key, LocalDate.parse(value).toString());
				case "boolean" -> fields.put(key, bool(value));
				default -> fields.put(key, value);
			}
		}
		catch (NumberFormatException ex) {
			errors.add("%s: '%s' is not a number".formatted(column.header(), value));
		}
		catch (DateTimeParseException ex) {
			errors.add("%s: '%s' is not a date such as 2026-11-28 (YYYY-MM-DD)".formatted(column.header(), value));
		}
		catch (IllegalArgumentException ex) {
			errors.add("%s: '%s' is not true or false".formatted(column.header(), value));
		}
	}

	private static boolean bool(String value) {
		String text = value.toLowerCase(Locale.ROOT);
		if (TRUE.contains(text) || FALSE.contains(text)) {
			return TRUE.contains(text);
		}
		throw new IllegalArgumentException(value);
	}

	/** Tags and lists in one cell, separated by commas or semicolons. */
	private static List<String> split(String cell) {
		List<String> values = new ArrayList<>();
		for (String value : cell.split("[,;]")) {
			if (!value.isBlank() && !values.contains(value.strip())) {
				values.add(value.strip());
			}
		}
		return values;
	}

	boolean rejected() {
		return !this.errors.isEmpty();
	}

}
