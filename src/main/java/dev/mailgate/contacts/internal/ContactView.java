package dev.mailgate.contacts.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ListId;
import org.jspecify.annotations.Nullable;

/**
 * A contact as the contacts table and the contact page show it.
 *
 * @param name first and last name, or empty
 * @param status the status value ({@code subscribed}), which also picks the badge's
 * colour
 * @param lists the names of the lists it is on
 */
public record ContactView(String id, String email, String name, String status, String statusLabel, List<String> tags,
		List<String> lists, String created, String updated, String consent) {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	static ContactView of(Contact contact, Map<ListId, String> listNames) {
		String name = (Objects.requireNonNullElse(contact.firstName(), "") + " "
				+ Objects.requireNonNullElse(contact.lastName(), ""))
			.strip();
		String consent = (contact.consentSource() != null)
				? contact.consentSource() + ((contact.consentAt() != null) ? ", " + format(contact.consentAt()) : "")
				: "";
		return new ContactView(contact.id().toString(), contact.email(), name, contact.status().value(),
				ContactFilters.statusLabel(contact.status()), contact.tags(),
				contact.lists().stream().map((id) -> listNames.getOrDefault(id, "")).sorted().toList(),
				format(contact.createdAt()), format(contact.updatedAt()), consent);
	}

	static String format(@Nullable Instant instant) {
		return (instant != null) ? TIME.format(instant) : "";
	}

}
