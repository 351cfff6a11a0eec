package dev.mailgate.contacts;

import java.time.Instant;

/**
 * A custom field of a workspace's contacts.
 *
 * @param key what the API and merge tags call it: lower case letters, digits and
 * underscores, starting with a letter
 * @param label what pages show
 */
public record FieldDefinition(String key, String label, FieldType type, Instant createdAt) {
}
