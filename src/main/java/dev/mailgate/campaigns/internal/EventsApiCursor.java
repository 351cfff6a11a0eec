package dev.mailgate.campaigns.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a reader of the events feed stopped: the last event's id (events are listed in
 * the order of their time-ordered ids), opaque to clients.
 */
record EventsApiCursor(UUID after) {

	private static final String VERSION = "e1";

	/** Before every event. */
	static final EventsApiCursor START = new EventsApiCursor(new UUID(0, 0));

	String encode() {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((VERSION + "|" + this.after).getBytes(StandardCharsets.UTF_8));
	}

	static EventsApiCursor decode(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8)
				.split("\\|");
			if (parts.length != 2 || !VERSION.equals(parts[0])) {
				throw new IllegalArgumentException("Unknown cursor version");
			}
			return new EventsApiCursor(UUID.fromString(parts[1]));
		}
		catch (IllegalArgumentException ex) {
			throw new EventsApiRejected("cursor",
					"not a cursor this API gave out; use next_cursor from the previous page, or start without one");
		}
	}

}
