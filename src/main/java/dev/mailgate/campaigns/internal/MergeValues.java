package dev.mailgate.campaigns.internal;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.FieldDefinition;
import org.jspecify.annotations.Nullable;

/**
 * One recipient's merge tag values: their email, names, custom fields by key and their
 * unsubscribe link.
 */
final class MergeValues {

	static final String EMAIL = "email";

	static final String FIRST_NAME = "first_name";

	static final String LAST_NAME = "last_name";

	static final String UNSUBSCRIBE_URL = "unsubscribe_url";

	private final Map<String, String> values;

	private MergeValues(Map<String, String> values) {
		this.values = values;
	}

	/**
	 * The tags a workspace's campaigns may use.
	 */
	static Set<String> known(List<FieldDefinition> fields) {
		Set<String> known = new TreeSet<>(Set.of(EMAIL, FIRST_NAME, LAST_NAME, UNSUBSCRIBE_URL));
		fields.forEach((field) -> known.add(field.key()));
		return known;
	}

	static MergeValues of(Contact contact, String unsubscribeUrl) {
		Map<String, String> values = new HashMap<>();
		contact.fields().forEach((key, value) -> values.put(key, text(value)));
		values.put(EMAIL, contact.email());
		put(values, FIRST_NAME, contact.firstName());
		put(values, LAST_NAME, contact.lastName());
		values.put(UNSUBSCRIBE_URL, unsubscribeUrl);
		return new MergeValues(values);
	}

	/**
	 * A made-up person, for previews and test sends to an address that is no contact:
	 * their custom fields are empty, so the tags' defaults show.
	 */
	static MergeValues sample(String email, String unsubscribeUrl) {
		Map<String, String> values = new HashMap<>();
		values.put(EMAIL, email);
		values.put(FIRST_NAME, "Ada");
		values.put(LAST_NAME, "Lovelace");
		values.put(UNSUBSCRIBE_URL, unsubscribeUrl);
		return new MergeValues(values);
	}

	@Nullable String get(String tag) {
		return this.values.get(tag);
	}

	String unsubscribeUrl() {
		return this.values.get(UNSUBSCRIBE_URL);
	}

	private static void put(Map<String, String> values, String key, @Nullable String value) {
		if (value != null) {
			values.put(key, value);
		}
	}

	private static String text(Object value) {
		if (value instanceof BigDecimal number) {
			return number.toPlainString();
		}
		if (value instanceof Boolean yes) {
			return yes ? "yes" : "no";
		}
		return String.valueOf(value);
	}

}
