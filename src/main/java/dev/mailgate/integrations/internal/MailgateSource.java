package dev.mailgate.integrations.internal;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import dev.mailgate.contacts.SubscriptionStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Another Mailgate's {@code /api/v1/contacts}: oldest change first, so its
 * {@code next_cursor} continues where a run stopped and {@code updated_since} makes a run
 * incremental; {@code /api/v1/contacts/count} gives the total for the progress bar.
 * Custom fields arrive as {@code fields.<key>}.
 */
@Component
class MailgateSource implements ContactSource {

	static final int MAX_PAGE = 1000;

	private static final List<String> FIELDS = List.of("email", "first_name", "last_name", "tags");

	private final SourceCalls calls;

	MailgateSource(SourceCalls calls) {
		this.calls = calls;
	}

	@Override
	public boolean serves(ProviderType type) {
		return type == ProviderType.MAILGATE;
	}

	/**
	 * The standard fields and the other Mailgate's custom fields, when it tells.
	 */
	@Override
	public List<String> fields(Connection connection) {
		List<String> fields = new ArrayList<>(FIELDS);
		try {
			get(connection, SourceCalls.apiBase(connection) + "/api/v1/fields").path("data")
				.forEach((field) -> fields.add("fields." + field.path("key").asString()));
		}
		catch (RuntimeException ex) {
			// the settings page still works with the standard fields
		}
		return fields;
	}

	@Override
	public Map<String, String> defaultMapping(Set<String> customFields) {
		Map<String, String> mapping = new LinkedHashMap<>();
		FIELDS.forEach((field) -> mapping.put(field, field));
		customFields.forEach((key) -> mapping.put("fields." + key, key));
		return mapping;
	}

	@Override
	public OptionalLong total(Connection connection, @Nullable Instant updatedSince) {
		String url = uri(connection, "/api/v1/contacts/count", null, updatedSince, null);
		try {
			JsonNode answer = get(connection, url);
			return answer.has("count") ? OptionalLong.of(answer.path("count").asLong()) : OptionalLong.empty();
		}
		catch (SourceRefused ex) {
			// an older Mailgate without the count: the bar shows no percentage
			return OptionalLong.empty();
		}
	}

	@Override
	public Page page(Connection connection, @Nullable String cursor, @Nullable Instant updatedSince, int size,
			Set<String> fields) {
		String url = uri(connection, "/api/v1/contacts", cursor, updatedSince, Math.min(size, MAX_PAGE));
		JsonNode answer = get(connection, url);
		List<SourceContact> contacts = new ArrayList<>();
		answer.path("data").forEach((contact) -> contacts.add(contact(contact)));
		JsonNode next = answer.path("next_cursor");
		return new Page(contacts, (next.isMissingNode() || next.isNull()) ? null : next.asString());
	}

	private static SourceContact contact(JsonNode json) {
		Map<String, Object> values = new LinkedHashMap<>();
		text(values, json, "email");
		text(values, json, "first_name");
		text(values, json, "last_name");
		List<String> tags = new ArrayList<>();
		json.path("tags").forEach((tag) -> tags.add(tag.asString()));
		values.put("tags", tags);
		json.path("fields").properties().forEach((field) -> {
			Object value = value(field.getValue());
			if (value != null) {
				values.put("fields." + field.getKey(), value);
			}
		});
		SubscriptionStatus status = SubscriptionStatus.parse(json.path("status").asString("")).orElse(null);
		return new SourceContact(values, status, false);
	}

	private static void text(Map<String, Object> values, JsonNode json, String name) {
		JsonNode value = json.path(name);
		if (value.isString()) {
			values.put(name, value.asString());
		}
	}

	private static @Nullable Object value(JsonNode value) {
		if (value.isNumber()) {
			return value.decimalValue();
		}
		if (value.isBoolean()) {
			return value.booleanValue();
		}
		return value.isString() ? value.asString() : null;
	}

	private static String uri(Connection connection, String path, @Nullable String cursor,
			@Nullable Instant updatedSince, @Nullable Integer limit) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(SourceCalls.apiBase(connection) + path);
		if (limit != null) {
			uri.queryParam("limit", limit);
		}
		if (cursor != null) {
			uri.queryParam("cursor", cursor);
		}
		if (updatedSince != null) {
			uri.queryParam("updated_since", updatedSince.toString());
		}
		return uri.build().encode().toUriString();
	}

	private JsonNode get(Connection connection, String url) {
		return this.calls.json(connection.id(),
				(client, authorization) -> client.get()
					.uri(URI.create(url))
					.header("Authorization", authorization)
					.retrieve()
					.body(String.class));
	}

}
