package dev.mailgate.contacts;

import java.util.Optional;
import java.util.UUID;

/**
 * Identifies a contact.
 */
public record ContactId(UUID value) {

	public static ContactId random() {
		return new ContactId(UUID.randomUUID());
	}

	/**
	 * The id in a path or a form, if it is one.
	 */
	public static Optional<ContactId> parse(String raw) {
		try {
			return (raw.length() == 36) ? Optional.of(new ContactId(UUID.fromString(raw))) : Optional.empty();
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
