package dev.mailgate.contacts;

import java.util.Locale;
import java.util.Optional;

/**
 * The type of a custom field's values: text, a number, a date ({@code 2026-11-28}) or
 * true/false.
 */
public enum FieldType {

	TEXT, NUMBER, DATE, BOOLEAN;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<FieldType> parse(String value) {
		for (FieldType type : values()) {
			if (type.value().equals(value.strip().toLowerCase(Locale.ROOT))) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

}
