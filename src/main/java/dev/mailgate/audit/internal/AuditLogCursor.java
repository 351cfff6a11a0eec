package dev.mailgate.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of the audit log stopped: the last event's time and id, opaque to clients.
 * The next page holds the events older than that one.
 */
record AuditLogCursor(Instant at, UUID id) {

	private static final String VERSION = "a1";

	static AuditLogCursor after(AuditEntry entry) {
		return new AuditLogCursor(entry.at(), entry.id());
	}

	String encode() {
		String raw = VERSION + "|" + this.at.getEpochSecond() + "|" + this.at.getNano() + "|" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @throws AuditFilterRejected when it is not a cursor the audit log gave out
	 */
	static AuditLogCursor decode(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8)
				.split("\\|");
			if (parts.length != 4 || !VERSION.equals(parts[0])) {
				throw new IllegalArgumentException("Unknown cursor version");
			}
			Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
			return new AuditLogCursor(at, UUID.fromString(parts[3]));
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			throw new AuditFilterRejected("cursor",
					"cursor is not one this API gave out; use next_cursor from the previous page, or start without one");
		}
	}

}
