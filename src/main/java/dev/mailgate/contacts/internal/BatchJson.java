package dev.mailgate.contacts.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mailgate.contacts.BatchItemResult;
import dev.mailgate.contacts.FieldError;

/**
 * The batch endpoint's answer: counts, then one result per item in the request's order,
 * with the index it had there and the contact's id (not the whole contact, which would
 * make the answer as large as the request).
 */
final class BatchJson {

	private BatchJson() {
	}

	/**
	 * @param applied their results, in the same order
	 * @param unreadable what was wrong with the items that could not be read
	 */
	static Map<String, Object> write(int size, List<BatchItemResult> applied,
			Map<Integer, List<FieldError>> unreadable) {
		List<Map<String, Object>> results = new ArrayList<>(size);
		int created = 0;
		int updated = 0;
		int next = 0;
		for (int i = 0; i < size; i++) {
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("index", i);
			List<FieldError> errors = unreadable.get(i);
			if (errors == null) {
				BatchItemResult item = applied.get(next++);
				result.put("outcome", item.outcome());
				if (item.contact() != null) {
					result.put("id", item.contact().id().toString());
					created += BatchItemResult.CREATED.equals(item.outcome()) ? 1 : 0;
					updated += BatchItemResult.UPDATED.equals(item.outcome()) ? 1 : 0;
				}
				errors = item.errors();
			}
			else {
				result.put("outcome", BatchItemResult.ERROR);
			}
			if (!errors.isEmpty()) {
				result.put("errors",
						errors.stream()
							.map((error) -> Map.of("field", error.field(), "detail", error.detail()))
							.toList());
			}
			results.add(result);
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("created", created);
		json.put("updated", updated);
		json.put("errors", size - created - updated);
		json.put("data", results);
		return json;
	}

}
