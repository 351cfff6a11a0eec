package dev.mailgate.contacts;

import org.jspecify.annotations.Nullable;

/**
 * A conditional change ({@code If-Match}) named a version that is not the current one:
 * someone else changed the contact first, or it does not exist.
 */
public class VersionMismatch extends RuntimeException {

	public VersionMismatch(String detail) {
		super(detail);
	}

	/**
	 * @param current the contact's current ETag, or {@code null} when there is no contact
	 */
	public static VersionMismatch current(@Nullable String current) {
		return new VersionMismatch((current == null) ? "There is no such contact, so no version can match"
				: "The contact changed since that version; its current ETag is " + current);
	}

}
