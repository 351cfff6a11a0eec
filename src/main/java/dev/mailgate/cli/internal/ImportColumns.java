package dev.mailgate.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which contact property each column of a CSV file fills: guessed from its header (such
 * as {@code First Name} for {@code first_name}, or a custom field's key), or as
 * {@code --map column=target} says.
 */
final class ImportColumns {

	static final List<String> PROPERTIES = List.of("email", "first_name", "last_name", "status", "consent_source",
			"tags", "lists");

	static final String SKIP = "skip";

	private static final Map<String, String> ALIASES = Map.of("e_mail", "email", "email_address", "email", "firstname",
			"first_name", "given_name", "first_name", "lastname", "last_name", "surname", "last_name", "family_name",
			"last_name", "tag", "tags", "list", "lists");

	/** What {@code contacts export} writes and Mailgate sets by itself: ignored. */
	private static final Set<String> SET_BY_MAILGATE = Set.of("id", "consent_at", "created_at", "updated_at");

	/**
	 * @param target a property, or a custom field's key
	 * @param fieldType the custom field's type, or {@code null} for a property
	 */
	record Column(int index, String header, String target, @Nullable String fieldType) {
	}

	private final List<Column> columns = new ArrayList<>();

	private final List<String> unknown = new ArrayList<>();

	/**
	 * @param fieldTypes the workspace's custom fields: their types by key
	 * @param overrides {@code --map}: targets by column header
	 */
	static ImportColumns of(List<String> headers, Map<String, String> fieldTypes, Map<String, String> overrides) {
		ImportColumns mapping = new ImportColumns();
		Map<Integer, String> mapped = mapped(headers, fieldTypes, overrides);
		Map<String, String> single = new LinkedHashMap<>();
		for (int i = 0; i < headers.size(); i++) {
			String header = headers.get(i);
			String target = mapped.containsKey(i) ? mapped.get(i) : guess(header, fieldTypes);
			if (SKIP.equals(target) || (target == null && SET_BY_MAILGATE.contains(normal(header)))) {
				continue;
			}
			if (target == null) {
				mapping.unknown.add(header);
				continue;
			}
			String other = (target.equals("tags") || target.equals("lists")) ? null : single.put(target, header);
			if (other != null) {
				throw new BadUsage("Columns '%s' and '%s' both fill %s; --map one of them to skip".formatted(other,
						header, target));
			}
			mapping.columns
				.add(new Column(i, header, target, PROPERTIES.contains(target) ? null : fieldTypes.get(target)));
		}
		if (!single.containsKey("email")) {
			throw new BadUsage(
					"No email column among " + String.join(", ", headers) + "; name one with --map COLUMN=email");
		}
		return mapping;
	}

	List<Column> columns() {
		return this.columns;
	}

	/** Columns that fill nothing Mailgate knows: skipped, or refused with --strict. */
	List<String> unknown() {
		return this.unknown;
	}

	private static Map<Integer, String> mapped(List<String> headers, Map<String, String> fieldTypes,
			Map<String, String> overrides) {
		Map<Integer, String> mapped = new LinkedHashMap<>();
		overrides.forEach((column, target) -> {
			int index = indexOf(headers, column);
			if (index < 0) {
				throw new BadUsage("--map %s=%s: no column '%s'; the columns are %s".formatted(column, target, column,
						String.join(", ", headers)));
			}
			String known = SKIP.equals(target) ? SKIP : guess(target, fieldTypes);
			if (known == null) {
				throw new BadUsage("--map %s=%s: '%s' is neither skip, %s, nor a custom field (%s)".formatted(column,
						target, target, String.join(", ", PROPERTIES),
						fieldTypes.isEmpty() ? "this workspace has none" : String.join(", ", fieldTypes.keySet())));
			}
			mapped.put(index, known);
		});
		return mapped;
	}

	private static int indexOf(List<String> headers, String column) {
		int exact = headers.indexOf(column);
		if (exact >= 0) {
			return exact;
		}
		for (int i = 0; i < headers.size(); i++) {
			if (normal(headers.get(i)).equals(normal(column))) {
				return i;
			}
		}
		return -1;
	}

	private static @Nullable String guess(String header, Map<String, String> fieldTypes) {
		String name = normal(header);
		String property = ALIASES.getOrDefault(name, name);
		if (PROPERTIES.contains(property)) {
			return property;
		}
		return fieldTypes.keySet().stream().filter((key) -> normal(key).equals(name)).findFirst().orElse(null);
	}

	/** {@code First Name} and {@code first-name} become {@code first_name}. */
	private static String normal(String header) {
		return header.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
	}

}
