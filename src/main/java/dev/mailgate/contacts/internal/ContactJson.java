package dev.mailgate.contacts.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.FieldError;
import dev.mailgate.contacts.InvalidContact;
import dev.mailgate.contacts.ListId;
import dev.mailgate.contacts.SubscriptionStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A contact in the API's JSON, both ways. Reading keeps absent apart from {@code null}
 * (absent leaves a property as it is, {@code null} clears it) and reports every wrong
 * property by its name.
 */
final class ContactJson {

	static final Set<String> PROPERTIES = Set.of("email", "first_name", "last_name", "status", "consent_source", "tags",
			"fields", "lists");

	private ContactJson() {
	}

	static ContactChanges read(@Nullable JsonNode body) {
		List<FieldError> errors = new ArrayList<>();
		ContactChanges changes = read(body, "", errors);
		if (!errors.isEmpty()) {
			throw new InvalidContact(errors);
		}
		return changes;
	}

	/**
	 * Reads one contact, adding what is wrong with it to {@code errors}.
	 * @param prefix names the contact's properties in errors, such as
	 * {@code contacts[3].}
	 */
	static ContactChanges read(@Nullable JsonNode body, String prefix, List<FieldError> errors) {
		if (body == null || !body.isObject()) {
			errors.add(new FieldError(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
					"must be a JSON object"));
			return ContactChanges.email("");
		}
		for (String name : body.propertyNames()) {
			if (!PROPERTIES.contains(name)) {
				errors.add(new FieldError(prefix + name, "unknown property; a contact has " + String.join(", ", List
					.of("email", "first_name", "last_name", "status", "consent_source", "tags", "fields", "lists"))));
			}
		}
		String status = text(body, "status", prefix, errors, false);
		SubscriptionStatus parsed = null;
		if (status != null) {
			parsed = SubscriptionStatus.parse(status).orElse(null);
			if (parsed == null) {
				errors.add(new FieldError(prefix + "status", "one of subscribed, unsubscribed, cleaned, pending"));
			}
		}
		return new ContactChanges(text(body, "email", prefix, errors, false),
				text(body, "first_name", prefix, errors, true), text(body, "last_name", prefix, errors, true), parsed,
				text(body, "consent_source", prefix, errors, false), tags(body, prefix, errors),
				fields(body, prefix, errors), lists(body, prefix, errors));
	}

	/**
	 * A string property: {@code null} when absent, {@code ""} when JSON null and
	 * clearable.
	 */
	private static @Nullable String text(JsonNode body, String name, String prefix, List<FieldError> errors,
			boolean clearable) {
		JsonNode node = body.get(name);
		if (node == null || (node.isNull() && clearable)) {
			return (node == null) ? null : "";
		}
		if (!node.isString()) {
			errors.add(new FieldError(prefix + name, "must be a string"));
			return null;
		}
		return node.asString();
	}

	private static @Nullable List<String> tags(JsonNode body, String prefix, List<FieldError> errors) {
		JsonNode node = body.get("tags");
		if (node == null) {
			return null;
		}
		if (node.isNull()) {
			return List.of();
		}
		List<String> tags = new ArrayList<>();
		if (!node.isArray()) {
			errors.add(new FieldError(prefix + "tags", "must be an array of strings"));
			return null;
		}
		for (int i = 0; i < node.size(); i++) {
			if (node.get(i).isString()) {
				tags.add(node.get(i).asString());
			}
			else {
				errors.add(new FieldError(prefix + "tags[" + i + "]", "must be a string"));
			}
		}
		return tags;
	}

	private static @Nullable Map<String, @Nullable Object> fields(JsonNode body, String prefix,
			List<FieldError> errors) {
		JsonNode node = body.get("fields");
		if (node == null) {
			return null;
		}
		if (!node.isObject()) {
			errors.add(new FieldError(prefix + "fields", "must be an object of custom field values by key"));
			return null;
		}
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			JsonNode value = entry.getValue();
			if (value.isNull()) {
				values.put(entry.getKey(), null);
			}
			else if (value.isString()) {
				values.put(entry.getKey(), value.asString());
			}
			else if (value.isNumber()) {
				values.put(entry.getKey(), value.decimalValue());
			}
			else if (value.isBoolean()) {
				values.put(entry.getKey(), value.booleanValue());
			}
			else {
				errors.add(new FieldError(prefix + "fields." + entry.getKey(),
						"must be a string, a number, true or false, or null"));
			}
		}
		return values;
	}

	private static @Nullable List<ListId> lists(JsonNode body, String prefix, List<FieldError> errors) {
		JsonNode node = body.get("lists");
		if (node == null) {
			return null;
		}
		if (node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			errors.add(new FieldError(prefix + "lists", "must be an array of list ids"));
			return null;
		}
		List<ListId> lists = new ArrayList<>();
		for (int i = 0; i < node.size(); i++) {
			ListId id = node.get(i).isString() ? ListId.parse(node.get(i).asString()).orElse(null) : null;
			if (id == null) {
				errors.add(new FieldError(prefix + "lists[" + i + "]", "must be a list id"));
			}
			else {
				lists.add(id);
			}
		}
		return lists;
	}

	static Map<String, @Nullable Object> write(Contact contact) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("id", contact.id().toString());
		json.put("email", contact.email());
		json.put("first_name", contact.firstName());
		json.put("last_name", contact.lastName());
		json.put("status", contact.status().value());
		json.put("consent_source", contact.consentSource());
		json.put("consent_at", instant(contact.consentAt()));
		json.put("tags", contact.tags());
		Map<String, Object> fields = new LinkedHashMap<>();
		contact.fields()
			.forEach((key, value) -> fields.put(key, (value instanceof LocalDate date) ? date.toString() : value));
		json.put("fields", fields);
		json.put("lists", contact.lists().stream().map(ListId::toString).toList());
		json.put("created_at", instant(contact.createdAt()));
		json.put("updated_at", instant(contact.updatedAt()));
		return json;
	}

	private static @Nullable String instant(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
