package dev.mailgate.integrations.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies in the shapes HubSpot's CRM v3 documents for its contacts list and search
 * endpoints.
 */
final class HubSpotJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private HubSpotJson() {
	}

	static Map<String, Object> contact(String id, String email, String first, String last, boolean optedOut,
			String... more) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("email", email);
		properties.put("firstname", first);
		properties.put("lastname", last);
		properties.put("hs_email_optout", Boolean.toString(optedOut));
		properties.put("lastmodifieddate", "2026-11-28T10:00:00.000Z");
		for (int i = 0; i < more.length; i += 2) {
			properties.put(more[i], more[i + 1]);
		}
		properties.put("hs_object_id", id);
		return Map.of("id", id, "properties", properties, "createdAt", "2026-11-01T10:00:00.000Z", "updatedAt",
				"2026-11-28T10:00:00.000Z", "archived", false);
	}

	/**
	 * A page of results, with {@code paging.next.after} when there is a next one.
	 */
	static String page(@Nullable String after, List<Map<String, Object>> results) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("results", results);
		if (after != null) {
			body.put("paging", Map.of("next", Map.of("after", after, "link", "https://api.hubapi.com/next")));
		}
		return JSON.writeValueAsString(body);
	}

	static String search(long total, @Nullable String after, List<Map<String, Object>> results) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("total", total);
		body.put("results", results);
		if (after != null) {
			body.put("paging", Map.of("next", Map.of("after", after)));
		}
		return JSON.writeValueAsString(body);
	}

	static List<Map<String, Object>> contacts(String prefix, int from, int count) {
		List<Map<String, Object>> contacts = new ArrayList<>();
		for (int i = from; i < from + count; i++) {
			contacts.add(contact(Integer.toString(i), prefix + i + "@example.com", "First" + i, "Last" + i, false));
		}
		return contacts;
	}

}
