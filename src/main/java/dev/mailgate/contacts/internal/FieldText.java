package dev.mailgate.contacts.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.mailgate.contacts.FieldDefinition;
import dev.mailgate.contacts.FieldError;
import org.jspecify.annotations.Nullable;

/**
 * Custom field values as people type them (in a form or a CSV cell) and as pages and
 * exports show them.
 */
final class FieldText {

	static final Set<String> TRUE = Set.of("true", "yes", "1");

	static final Set<String> FALSE = Set.of("false", "no", "0");

	private FieldText() {
	}

	/**
	 * The text as a value of the field's type; {@code null} for blank text (no value) or
	 * when the text is not of that type, which {@code errors} then says under
	 * {@code name}.
	 */
	static @Nullable Object parse(FieldDefinition field, String text, String name, List<FieldError> errors) {
		String value = text.strip();
		if (value.isEmpty()) {
			return null;
		}
		Object parsed = switch (field.type()) {
			case TEXT -> (value.length() <= ContactRules.MAX_TEXT_VALUE) ? value : null;
			case NUMBER -> number(value);
			case DATE -> date(value);
			case BOOLEAN -> bool(value);
		};
		if (parsed == null) {
			errors.add(new FieldError(name, problem(field, value)));
		}
		return parsed;
	}

	static String format(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		return (value instanceof BigDecimal number) ? number.toPlainString() : value.toString();
	}

	private static @Nullable BigDecimal number(String value) {
		try {
			return new BigDecimal(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable LocalDate date(String value) {
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Boolean bool(String value) {
		String lower = value.toLowerCase(Locale.ROOT);
		return TRUE.contains(lower) ? Boolean.TRUE : FALSE.contains(lower) ? Boolean.FALSE : null;
	}

	private static String problem(FieldDefinition field, String value) {
		String shown = (value.length() > 40) ? value.substring(0, 40) + "…" : value;
		return switch (field.type()) {
			case TEXT -> "longer than %,d characters".formatted(ContactRules.MAX_TEXT_VALUE);
			case NUMBER -> "'%s' is not a number (write it like 42 or 3.5)".formatted(shown);
			case DATE -> "'%s' is not a date (write it as YYYY-MM-DD, such as 2026-11-28)".formatted(shown);
			case BOOLEAN -> "'%s' is not true or false (write true, false, yes, no, 1 or 0)".formatted(shown);
		};
	}

}
