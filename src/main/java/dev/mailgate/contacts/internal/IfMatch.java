package dev.mailgate.contacts.internal;

import dev.mailgate.contacts.VersionMismatch;
import org.jspecify.annotations.Nullable;

/**
 * The {@code If-Match} header (RFC 9110 §13.1.1) as the version it names: strong
 * comparison, so a weak tag never matches.
 */
final class IfMatch {

	/**
	 * {@code If-Match: *}: any current version.
	 */
	static final long ANY = -1;

	private IfMatch() {
	}

	static @Nullable Long version(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String tag = header.strip();
		if (tag.equals("*")) {
			return ANY;
		}
		if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
			try {
				return Long.parseLong(tag.substring(1, tag.length() - 1));
			}
			catch (NumberFormatException ex) {
				// not one of ours: fails like any other stale tag
			}
		}
		throw new VersionMismatch("If-Match must name an ETag this API gave out, such as \"3\", or *");
	}

}
