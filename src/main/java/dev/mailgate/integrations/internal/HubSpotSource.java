package dev.mailgate.integrations.internal;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import dev.mailgate.contacts.SubscriptionStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * HubSpot's CRM v3 contacts: a full sync pages through
 * {@code GET /crm/v3/objects/contacts}; an incremental one searches
 * ({@code POST /crm/v3/objects/contacts/search}) for {@code lastmodifieddate} at or after
 * the watermark, oldest first. HubSpot's search serves at most 10,000 results per query,
 * so before the window ends the search starts over from the last modification date it saw
 * (the overlap is upserted again, harmlessly).
 */
@Component
class HubSpotSource implements ContactSource {

	static final int MAX_PAGE = 100;

	static final int SEARCH_WINDOW = 10_000;

	private static final List<String> FIELDS = List.of("email", "firstname", "lastname", "phone", "company", "jobtitle",
			"website", "city", "country", "lifecyclestage");

	private final SourceCalls calls;

	HubSpotSource(SourceCalls calls) {
		this.calls = calls;
	}

	@Override
	public boolean serves(ProviderType type) {
		return type == ProviderType.HUBSPOT;
	}

	@Override
	public List<String> fields(Connection connection) {
		return FIELDS;
	}

	@Override
	public Map<String, String> defaultMapping(Set<String> customFields) {
		return new LinkedHashMap<>(Map.of("email", "email", "firstname", "first_name", "lastname", "last_name"));
	}

	@Override
	public OptionalLong total(Connection connection, @Nullable Instant updatedSince) {
		JsonNode answer = search(connection, (updatedSince != null) ? updatedSince.toEpochMilli() : null, null, 1,
				Set.of("email"));
		return answer.has("total") ? OptionalLong.of(answer.path("total").asLong()) : OptionalLong.empty();
	}

	@Override
	public Page page(Connection connection, @Nullable String cursor, @Nullable Instant updatedSince, int size,
			Set<String> fields) {
		int limit = Math.min(size, MAX_PAGE);
		if (updatedSince == null) {
			JsonNode answer = list(connection, cursor, limit, fields);
			return new Page(contacts(answer), next(answer));
		}
		SearchCursor at = SearchCursor.parse(cursor, updatedSince.toEpochMilli());
		JsonNode answer = search(connection, at.since(), at.after(), limit, fields);
		List<SourceContact> contacts = contacts(answer);
		String after = next(answer);
		if (after == null) {
			return new Page(contacts, null);
		}
		if (pastWindow(after, limit) && !contacts.isEmpty()) {
			// the next page would pass the window: search again from the last date seen
			return new Page(contacts, new SearchCursor(lastModified(answer, at.since()), null).toString());
		}
		return new Page(contacts, new SearchCursor(at.since(), after).toString());
	}

	private JsonNode list(Connection connection, @Nullable String after, int limit, Set<String> fields) {
		UriComponentsBuilder uri = UriComponentsBuilder
			.fromUriString(SourceCalls.apiBase(connection) + "/crm/v3/objects/contacts")
			.queryParam("limit", limit)
			.queryParam("properties", String.join(",", properties(fields)))
			.queryParam("archived", false);
		if (after != null) {
			uri.queryParam("after", after);
		}
		String url = uri.build().encode().toUriString();
		return this.calls.json(connection.id(),
				(client, authorization) -> client.get()
					.uri(URI.create(url))
					.header("Authorization", authorization)
					.retrieve()
					.body(String.class));
	}

	private JsonNode search(Connection connection, @Nullable Long since, @Nullable String after, int limit,
			Set<String> fields) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (since != null) {
			body.put("filterGroups", List.of(Map.of("filters", List
				.of(Map.of("propertyName", "lastmodifieddate", "operator", "GTE", "value", Long.toString(since))))));
		}
		body.put("sorts", List.of(Map.of("propertyName", "lastmodifieddate", "direction", "ASCENDING")));
		body.put("properties", properties(fields));
		body.put("limit", limit);
		if (after != null) {
			body.put("after", after);
		}
		String url = SourceCalls.apiBase(connection) + "/crm/v3/objects/contacts/search";
		return this.calls.json(connection.id(),
				(client, authorization) -> client.post()
					.uri(URI.create(url))
					.header("Authorization", authorization)
					.contentType(MediaType.APPLICATION_JSON)
					.body(body)
					.retrieve()
					.body(String.class));
	}

	private static List<String> properties(Set<String> fields) {
		Set<String> properties = new LinkedHashSet<>(List.of("email", "hs_email_optout", "lastmodifieddate"));
		properties.addAll(fields);
		return List.copyOf(properties);
	}

	private static List<SourceContact> contacts(JsonNode answer) {
		List<SourceContact> contacts = new ArrayList<>();
		for (JsonNode result : answer.path("results")) {
			Map<String, Object> values = new LinkedHashMap<>();
			result.path("properties").properties().forEach((property) -> {
				if (!property.getValue().isNull()) {
					values.put(property.getKey(), property.getValue().asString());
				}
			});
			boolean optedOut = "true".equals(values.get("hs_email_optout"));
			contacts.add(new SourceContact(values,
					optedOut ? SubscriptionStatus.UNSUBSCRIBED : SubscriptionStatus.SUBSCRIBED,
					result.path("archived").asBoolean(false)));
		}
		return contacts;
	}

	private static @Nullable String next(JsonNode answer) {
		JsonNode after = answer.path("paging").path("next").path("after");
		return after.isMissingNode() || after.isNull() ? null : after.asString();
	}

	private static boolean pastWindow(String after, int limit) {
		try {
			return Long.parseLong(after) + limit > SEARCH_WINDOW;
		}
		catch (NumberFormatException ex) {
			return false; // not an offset: HubSpot pages it as it likes
		}
	}

	private static long lastModified(JsonNode answer, long fallback) {
		JsonNode results = answer.path("results");
		String last = results.get(results.size() - 1).path("properties").path("lastmodifieddate").asString("");
		try {
			return Instant.parse(last).toEpochMilli();
		}
		catch (RuntimeException ex) {
			return fallback;
		}
	}

	/**
	 * Where an incremental run is in HubSpot's search: the lower bound of the current
	 * query and its {@code after}.
	 */
	record SearchCursor(long since, @Nullable String after) {

		static SearchCursor parse(@Nullable String cursor, long since) {
			if (cursor == null) {
				return new SearchCursor(since, null);
			}
			int slash = cursor.indexOf('/');
			String after = cursor.substring(slash + 1);
			return new SearchCursor(Long.parseLong(cursor.substring(0, slash)), after.isEmpty() ? null : after);
		}

		@Override
		public String toString() {
			return this.since + "/" + ((this.after != null) ? this.after : "");
		}

	}

}
