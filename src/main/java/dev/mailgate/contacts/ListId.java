package dev.mailgate.contacts;

import java.util.Optional;
import java.util.UUID;

/**
 * Identifies a list of contacts.
 */
public record ListId(UUID value) {

	public static ListId random() {
		return new ListId(UUID.randomUUID());
	}

	/**
	 * The id in a path or a form, if it is one.
	 */
	public static Optional<ListId> parse(String raw) {
		try {
			return (raw.length() == 36) ? Optional.of(new ListId(UUID.fromString(raw))) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
