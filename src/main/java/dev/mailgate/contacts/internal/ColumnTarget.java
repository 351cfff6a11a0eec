package dev.mailgate.contacts.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.FieldDefinition;
import org.jspecify.annotations.Nullable;

/**
 * What a CSV column holds, as the mapping step's select names it: {@code skip},
 * {@code email}, {@code first_name}, {@code last_name}, {@code status}, {@code tags},
 * {@code lists} (list names), {@code field:<key>} (a custom field) or {@code list:<id>}
 * (yes/no: is the contact on that list).
 */
record ColumnTarget(Kind kind, @Nullable String key) {

	static final ColumnTarget SKIP = new ColumnTarget(Kind.SKIP, null);

	enum Kind {

		SKIP, EMAIL, FIRST_NAME, LAST_NAME, STATUS, TAGS, LISTS, FIELD, LIST

	}

	private static final Map<String, Kind> HEADERS = Map.ofEntries(Map.entry("email", Kind.EMAIL),
			Map.entry("emailaddress", Kind.EMAIL), Map.entry("mail", Kind.EMAIL),
			Map.entry("firstname", Kind.FIRST_NAME), Map.entry("givenname", Kind.FIRST_NAME),
			Map.entry("fname", Kind.FIRST_NAME), Map.entry("first", Kind.FIRST_NAME),
			Map.entry("forename", Kind.FIRST_NAME), Map.entry("lastname", Kind.LAST_NAME),
			Map.entry("surname", Kind.LAST_NAME), Map.entry("familyname", Kind.LAST_NAME),
			Map.entry("lname", Kind.LAST_NAME), Map.entry("last", Kind.LAST_NAME), Map.entry("status", Kind.STATUS),
			Map.entry("subscriptionstatus", Kind.STATUS), Map.entry("tags", Kind.TAGS), Map.entry("tag", Kind.TAGS),
			Map.entry("labels", Kind.TAGS), Map.entry("lists", Kind.LISTS), Map.entry("list", Kind.LISTS));

	String value() {
		return (this.key != null) ? this.kind.name().toLowerCase(Locale.ROOT) + ":" + this.key
				: this.kind.name().toLowerCase(Locale.ROOT);
	}

	static Optional<ColumnTarget> parse(String value) {
		int colon = value.indexOf(':');
		String kind = ((colon < 0) ? value : value.substring(0, colon)).toUpperCase(Locale.ROOT);
		for (Kind candidate : Kind.values()) {
			if (candidate.name().equals(kind)) {
				boolean keyed = candidate == Kind.FIELD || candidate == Kind.LIST;
				if (keyed != (colon >= 0) || (keyed && colon == value.length() - 1)) {
					return Optional.empty();
				}
				return Optional.of(new ColumnTarget(candidate, keyed ? value.substring(colon + 1) : null));
			}
		}
		return Optional.empty();
	}

	/**
	 * The target a column's header suggests: a known name ({@code E-mail},
	 * {@code First name}, {@code surname}), a custom field's key or label, a list's name;
	 * otherwise skip.
	 */
	static ColumnTarget guess(String header, List<FieldDefinition> fields, List<ContactList> lists) {
		String name = simplify(header);
		Kind kind = HEADERS.get(name);
		if (kind != null) {
			return new ColumnTarget(kind, null);
		}
		for (FieldDefinition field : fields) {
			if (simplify(field.key()).equals(name) || simplify(field.label()).equals(name)) {
				return new ColumnTarget(Kind.FIELD, field.key());
			}
		}
		for (ContactList list : lists) {
			if (simplify(list.name()).equals(name)) {
				return new ColumnTarget(Kind.LIST, list.id().toString());
			}
		}
		return SKIP;
	}

	/**
	 * Lower case letters and digits only: {@code E-Mail Address} is {@code emailaddress}.
	 */
	private static String simplify(String header) {
		return header.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
	}

}
