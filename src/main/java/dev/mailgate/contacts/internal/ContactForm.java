package dev.mailgate.contacts.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.FieldDefinition;
import dev.mailgate.contacts.FieldError;
import dev.mailgate.contacts.ListId;
import dev.mailgate.contacts.SubscriptionStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.util.MultiValueMap;

/**
 * The contact form as typed: every value as text, tags comma-separated, custom fields by
 * key (inputs named {@code field.<key>}), the ids of the ticked lists, and the version
 * the form was opened at.
 */
public record ContactForm(String email, String firstName, String lastName, String status, String tags,
		Map<String, String> fields, List<String> lists, @Nullable Long version) {

	static final String FIELD_PREFIX = "field.";

	static ContactForm empty() {
		return new ContactForm("", "", "", SubscriptionStatus.SUBSCRIBED.value(), "", Map.of(), List.of(), null);
	}

	static ContactForm of(Contact contact) {
		Map<String, String> fields = new LinkedHashMap<>();
		contact.fields().forEach((key, value) -> fields.put(key, FieldText.format(value)));
		return new ContactForm(contact.email(), Objects.requireNonNullElse(contact.firstName(), ""),
				Objects.requireNonNullElse(contact.lastName(), ""), contact.status().value(),
				String.join(", ", contact.tags()), fields, contact.lists().stream().map(ListId::toString).toList(),
				contact.version());
	}

	static ContactForm read(MultiValueMap<String, String> params) {
		Map<String, String> fields = new LinkedHashMap<>();
		params.forEach((name, values) -> {
			if (name.startsWith(FIELD_PREFIX) && !values.isEmpty()) {
				fields.put(name.substring(FIELD_PREFIX.length()), values.get(0));
			}
		});
		Long version = null;
		try {
			version = Long.valueOf(text(params, "version"));
		}
		catch (NumberFormatException ex) {
			// a new contact's form has no version
		}
		List<String> lists = params.getOrDefault("lists", List.of());
		return new ContactForm(text(params, "email"), text(params, "firstName"), text(params, "lastName"),
				text(params, "status"), text(params, "tags"), fields, List.copyOf(lists), version);
	}

	/**
	 * The change this form asks for: blank names and field values clear them, the tags
	 * and the ticked lists replace the contact's.
	 */
	ContactChanges changes(List<FieldDefinition> definitions, String source, List<FieldError> errors) {
		if (this.email.isBlank()) {
			errors.add(new FieldError("email", "Enter the contact's email address."));
		}
		else if (ContactRules.normalizeEmail(this.email) == null) {
			errors.add(new FieldError("email", "'%s' is not an email address".formatted(this.email.strip())));
		}
		SubscriptionStatus parsedStatus = SubscriptionStatus.parse(this.status).orElse(null);
		if (parsedStatus == null) {
			errors.add(new FieldError("status", "choose one of subscribed, unsubscribed, cleaned, pending"));
		}
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		for (FieldDefinition field : definitions) {
			String text = this.fields.getOrDefault(field.key(), "");
			values.put(field.key(), FieldText.parse(field, text, "fields." + field.key(), errors));
		}
		List<ListId> listIds = this.lists.stream().flatMap((id) -> ListId.parse(id).stream()).toList();
		return new ContactChanges(this.email.strip(), this.firstName, this.lastName, parsedStatus, source,
				tagList(this.tags), values, listIds);
	}

	public String field(String key) {
		return this.fields.getOrDefault(key, "");
	}

	public boolean onList(String id) {
		return this.lists.contains(id);
	}

	static List<String> tagList(String tags) {
		return Arrays.stream(tags.split(",")).map(String::strip).filter((tag) -> !tag.isEmpty()).toList();
	}

	/**
	 * The first problem of each input, by the name the template asks for ({@code email},
	 * {@code tags}, {@code fields.<key>}); problems of no input under {@code form}.
	 */
	static Map<String, String> errorsByInput(List<FieldError> errors) {
		Map<String, String> byInput = new LinkedHashMap<>();
		for (FieldError error : errors) {
			String input = error.field().replaceAll("\\[\\d+]$", "");
			if (!List.of("email", "first_name", "last_name", "status", "tags", "lists").contains(input)
					&& !input.startsWith("fields.")) {
				input = "form";
			}
			byInput.putIfAbsent(input, error.detail());
		}
		return byInput;
	}

	/**
	 * What this form says differently from {@code current}, for a save that came too
	 * late.
	 */
	List<Difference> differencesFrom(ContactForm current, List<FieldDefinition> definitions,
			Map<String, String> listNames) {
		List<Difference> differences = new ArrayList<>();
		compare(differences, "Email", this.email.strip().toLowerCase(java.util.Locale.ROOT), current.email);
		compare(differences, "First name", this.firstName.strip(), current.firstName);
		compare(differences, "Last name", this.lastName.strip(), current.lastName);
		compare(differences, "Status", this.status, current.status);
		compare(differences, "Tags", String.join(", ", tagList(this.tags)), current.tags);
		for (FieldDefinition field : definitions) {
			compare(differences, field.label(), field(field.key()).strip(), current.field(field.key()));
		}
		compare(differences, "Lists", names(this.lists, listNames), names(current.lists, listNames));
		return differences;
	}

	private static void compare(List<Difference> differences, String what, String yours, String current) {
		if (!yours.equals(current)) {
			differences.add(new Difference(what, yours, current));
		}
	}

	private static String names(List<String> ids, Map<String, String> listNames) {
		return String.join(", ", ids.stream().map((id) -> listNames.getOrDefault(id, id)).sorted().toList());
	}

	private static String text(MultiValueMap<String, String> params, String name) {
		String value = params.getFirst(name);
		return (value != null) ? value : "";
	}

	/**
	 * One value the person typed that differs from what is stored now.
	 */
	public record Difference(String what, String yours, String current) {
	}

}
