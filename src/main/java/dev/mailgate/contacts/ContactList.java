package dev.mailgate.contacts;

import java.time.Instant;

/**
 * A named list of contacts, such as "Newsletter" or "Webinar attendees".
 */
public record ContactList(ListId id, String name, String description, long members, Instant createdAt) {
}
