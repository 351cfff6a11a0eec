package dev.mailgate.contacts.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.FieldDefinition;
import dev.mailgate.contacts.FieldError;
import dev.mailgate.contacts.ListId;
import org.jspecify.annotations.Nullable;

/**
 * Checks and normalizes a change against the workspace's field definitions and lists,
 * collecting every problem (each naming its JSON property) instead of stopping at the
 * first.
 */
final class ContactRules {

	static final int MAX_NAME = 200;

	static final int MAX_TAG = 100;

	static final int MAX_TAGS = 100;

	static final int MAX_TEXT_VALUE = 1000;

	private static final Pattern LOCAL_PART = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");

	private static final Pattern DOMAIN = Pattern
		.compile("(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

	static final Pattern FIELD_KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private final Map<String, FieldDefinition> fields;

	private final Set<ListId> lists;

	ContactRules(List<FieldDefinition> fields, Set<ListId> lists) {
		this.fields = new LinkedHashMap<>();
		fields.forEach((field) -> this.fields.put(field.key(), field));
		this.lists = lists;
	}

	/**
	 * The workspace's field definitions by key.
	 */
	Map<String, FieldDefinition> fields() {
		return this.fields;
	}

	/**
	 * The email as stored: trimmed and in lower case; or {@code null} if it is not an
	 * address mail can be sent to.
	 */
	static @Nullable String normalizeEmail(String raw) {
		String email = raw.strip().toLowerCase(Locale.ROOT);
		int at = email.lastIndexOf('@');
		if (at <= 0 || email.length() > 254) {
			return null;
		}
		String local = email.substring(0, at);
		String domain = email.substring(at + 1);
		boolean dots = local.startsWith(".") || local.endsWith(".") || local.contains("..");
		return (!dots && LOCAL_PART.matcher(local).matches() && DOMAIN.matcher(domain).matches()) ? email : null;
	}

	/**
	 * The change with its values normalized, or the problems found.
	 */
	Checked check(ContactChanges changes, String prefix) {
		List<FieldError> errors = new ArrayList<>();
		String email = null;
		if (changes.email() != null) {
			email = normalizeEmail(changes.email());
			if (email == null) {
				errors.add(new FieldError(prefix + "email",
						"'%s' is not an email address".formatted(shorten(changes.email()))));
			}
		}
		String firstName = name(changes.firstName(), prefix + "first_name", errors);
		String lastName = name(changes.lastName(), prefix + "last_name", errors);
		String source = changes.consentSource();
		if (source != null && source.length() > MAX_NAME) {
			errors.add(new FieldError(prefix + "consent_source", "must be at most %d characters".formatted(MAX_NAME)));
		}
		List<String> tags = (changes.tags() != null) ? tags(changes.tags(), prefix + "tags", errors) : null;
		Map<String, @Nullable Object> values = (changes.fields() != null)
				? values(changes.fields(), prefix + "fields.", errors) : null;
		if (changes.lists() != null) {
			for (int i = 0; i < changes.lists().size(); i++) {
				if (!this.lists.contains(changes.lists().get(i))) {
					errors.add(new FieldError(prefix + "lists[" + i + "]", "no such list in this workspace"));
				}
			}
		}
		ContactChanges normalized = new ContactChanges(email, firstName, lastName, changes.status(), source, tags,
				values, (changes.lists() != null) ? List.copyOf(new LinkedHashSet<>(changes.lists())) : null);
		return new Checked(normalized, errors);
	}

	private static @Nullable String name(@Nullable String raw, String field, List<FieldError> errors) {
		if (raw == null) {
			return null;
		}
		String name = raw.strip();
		if (name.length() > MAX_NAME) {
			errors.add(new FieldError(field, "must be at most %d characters".formatted(MAX_NAME)));
		}
		return name;
	}

	private static List<String> tags(List<String> raw, String field, List<FieldError> errors) {
		Map<String, String> tags = new LinkedHashMap<>();
		for (int i = 0; i < raw.size(); i++) {
			String tag = raw.get(i).strip();
			if (tag.isEmpty() || tag.length() > MAX_TAG || tag.contains("\n")) {
				errors.add(new FieldError(field + "[" + i + "]",
						"a tag has 1 to %d characters on one line".formatted(MAX_TAG)));
				continue;
			}
			tags.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
		}
		if (tags.size() > MAX_TAGS) {
			errors.add(new FieldError(field, "a contact has at most %d tags".formatted(MAX_TAGS)));
		}
		return List.copyOf(tags.values());
	}

	private Map<String, @Nullable Object> values(Map<String, @Nullable Object> raw, String prefix,
			List<FieldError> errors) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		raw.forEach((key, value) -> {
			FieldDefinition definition = this.fields.get(key);
			if (definition == null) {
				errors.add(new FieldError(prefix + key, "no such custom field; define it first (POST /api/v1/fields)"));
			}
			else if (value == null) {
				values.put(key, null);
			}
			else {
				Object typed = typed(definition, value);
				if (typed == null) {
					errors.add(new FieldError(prefix + key, expected(definition)));
				}
				values.put(key, typed);
			}
		});
		return values;
	}

	/**
	 * The value in its field's type, or {@code null} when it is of another type.
	 */
	private static @Nullable Object typed(FieldDefinition field, Object value) {
		return switch (field.type()) {
			case TEXT -> (value instanceof String text && text.length() <= MAX_TEXT_VALUE) ? text : null;
			case NUMBER -> (value instanceof BigDecimal number) ? number : null;
			case BOOLEAN -> (value instanceof Boolean bool) ? bool : null;
			case DATE -> date(value);
		};
	}

	private static @Nullable LocalDate date(Object value) {
		if (value instanceof LocalDate date) {
			return date;
		}
		try {
			return (value instanceof String text) ? LocalDate.parse(text) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	static String expected(FieldDefinition field) {
		return switch (field.type()) {
			case TEXT -> "expected text of at most %d characters".formatted(MAX_TEXT_VALUE);
			case NUMBER -> "expected a number";
			case BOOLEAN -> "expected true or false";
			case DATE -> "expected a date such as 2026-11-28";
		};
	}

	private static String shorten(String value) {
		return (value.length() > 80) ? value.substring(0, 80) + "…" : value;
	}

	/**
	 * A normalized change and what is wrong with it (nothing when empty).
	 */
	record Checked(ContactChanges changes, List<FieldError> errors) {

		boolean valid() {
			return this.errors.isEmpty();
		}

	}

}
