package dev.mailgate.integrations.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.FieldDefinition;
import org.jspecify.annotations.Nullable;

/**
 * Turns a provider's contact into the changes to make here, by the connection's field
 * mapping: each mapped provider field fills a contact property ({@code email},
 * {@code first_name}, {@code last_name}, {@code tags}) or a custom field of the
 * workspace, converted to the field's type; unmapped fields and mappings to fields that
 * no longer exist are ignored. The subscription status is not set here: a sync never
 * changes an existing contact's status ({@link SyncPageWriter}).
 */
final class SyncMapping {

	static final List<String> PROPERTIES = List.of("email", "first_name", "last_name", "tags");

	private final Map<String, String> mapping;

	private final Map<String, FieldDefinition> fields = new LinkedHashMap<>();

	SyncMapping(Map<String, String> mapping, List<FieldDefinition> definitions) {
		this.mapping = mapping;
		definitions.forEach((definition) -> this.fields.put(definition.key(), definition));
	}

	Set<String> providerFields() {
		return this.mapping.keySet();
	}

	/**
	 * @return the changes, or {@code null} when the contact has no email address
	 */
	@Nullable ContactChanges changes(ContactSource.SourceContact contact, String consentSource) {
		String email = null;
		String firstName = null;
		String lastName = null;
		List<String> tags = null;
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		for (Map.Entry<String, String> mapped : this.mapping.entrySet()) {
			Object value = contact.values().get(mapped.getKey());
			String target = mapped.getValue();
			if (value == null || target.isBlank()) {
				continue;
			}
			switch (target) {
				case "email" -> email = value.toString().strip();
				case "first_name" -> firstName = value.toString();
				case "last_name" -> lastName = value.toString();
				case "tags" -> tags = tags(value);
				default -> field(values, target, value);
			}
		}
		if (email == null || email.isEmpty()) {
			return null;
		}
		return new ContactChanges(email, firstName, lastName, null, consentSource, tags,
				values.isEmpty() ? null : values, null);
	}

	private void field(Map<String, @Nullable Object> values, String key, Object value) {
		FieldDefinition definition = this.fields.get(key);
		if (definition != null) {
			values.put(key, typed(definition, value));
		}
	}

	/**
	 * The value as the contacts module takes it for the field's type; a value that does
	 * not convert goes as it is, and the contact is rejected naming the field.
	 */
	private static Object typed(FieldDefinition definition, Object value) {
		String text = value.toString().strip();
		try {
			return switch (definition.type()) {
				case NUMBER -> (value instanceof BigDecimal) ? value : new BigDecimal(text);
				case BOOLEAN -> (value instanceof Boolean) ? value : bool(text);
				case DATE -> (text.length() > 10 && text.charAt(10) == 'T') ? text.substring(0, 10) : text;
				case TEXT -> value.toString();
			};
		}
		catch (NumberFormatException ex) {
			return text;
		}
	}

	private static Object bool(String text) {
		return switch (text.toLowerCase(Locale.ROOT)) {
			case "true", "yes", "1" -> Boolean.TRUE;
			case "false", "no", "0" -> Boolean.FALSE;
			default -> text;
		};
	}

	private static List<String> tags(Object value) {
		if (value instanceof List<?> list) {
			List<String> tags = new ArrayList<>();
			list.forEach((tag) -> tags.add(tag.toString()));
			return tags;
		}
		return Arrays.stream(value.toString().split("[;,]"))
			.map(String::strip)
			.filter((tag) -> !tag.isEmpty())
			.toList();
	}

}
