package dev.mailgate.contacts.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.mailgate.contacts.InvalidContact;

/**
 * Where a listing stopped: the last contact's change time and id, opaque to clients.
 */
record ListingCursor(Instant updatedAt, UUID id) {

	private static final String VERSION = "c1";

	String encode() {
		String raw = VERSION + "|" + this.updatedAt.getEpochSecond() + "|" + this.updatedAt.getNano() + "|" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static ListingCursor decode(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
			if (parts.length != 4 || !VERSION.equals(parts[0])) {
				throw new IllegalArgumentException("Unknown cursor version");
			}
			Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
			return new ListingCursor(at, UUID.fromString(parts[3]));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidContact("cursor",
					"not a cursor this API gave out; use next_cursor from the previous page, or start without one");
		}
	}

}
