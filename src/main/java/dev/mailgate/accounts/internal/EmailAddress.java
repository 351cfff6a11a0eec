package dev.mailgate.accounts.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address as accounts keep it: trimmed and in lower case, so that one person has
 * one account whatever they type.
 */
record EmailAddress(String value) {

	private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

	static EmailAddress of(String raw) {
		String normalized = raw.strip().toLowerCase(Locale.ROOT);
		if (!SHAPE.matcher(normalized).matches()) {
			throw new IllegalArgumentException("'%s' is not an email address".formatted(raw));
		}
		return new EmailAddress(normalized);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
