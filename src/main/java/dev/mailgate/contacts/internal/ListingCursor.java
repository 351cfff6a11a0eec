package dev.mailgate.contacts.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.mailgate.contacts.InvalidContact;

/**
 * Where a listing stopped: the last contact's change time and id and the listing's order,
 * opaque to clients.
 */
record ListingCursor(Instant updatedAt, UUID id, boolean newestFirst) {

	private static final String OLDEST_FIRST = "c1";

	private static final String NEWEST_FIRST = "n1";

	String encode() {
		String raw = (this.newestFirst ? NEWEST_FIRST : OLDEST_FIRST) + "|" + this.updatedAt.getEpochSecond() + "|"
				+ this.updatedAt.getNano() + "|" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @param newestFirst the listing's order, which the cursor must have been made for
	 */
	static ListingCursor decode(String cursor, boolean newestFirst) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
			if (parts.length != 4 || !(newestFirst ? NEWEST_FIRST : OLDEST_FIRST).equals(parts[0])) {
				throw new IllegalArgumentException("Unknown cursor version");
			}
			Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
			return new ListingCursor(at, UUID.fromString(parts[3]), newestFirst);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidContact("cursor",
					"not a cursor this API gave out; use next_cursor from the previous page, or start without one");
		}
	}

}
