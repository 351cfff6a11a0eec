package dev.mailgate.contacts.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mailgate.contacts.FieldDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A contact's custom field values in their column: a JSON object, dates as ISO strings.
 * Reading types them by the workspace's current definitions and drops values of fields
 * that no longer exist or changed type.
 */
final class FieldValues {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FieldValues() {
	}

	static @Nullable String write(Map<String, Object> values) {
		if (values.isEmpty()) {
			return null;
		}
		ObjectNode object = JSON.createObjectNode();
		values.forEach((key, value) -> {
			if (value instanceof BigDecimal number) {
				object.put(key, number);
			}
			else if (value instanceof Boolean bool) {
				object.put(key, bool);
			}
			else {
				object.put(key, value.toString());
			}
		});
		return JSON.writeValueAsString(object);
	}

	static Map<String, Object> read(@Nullable String column, Map<String, FieldDefinition> definitions) {
		Map<String, Object> values = new LinkedHashMap<>();
		if (column == null || column.isEmpty()) {
			return values;
		}
		JsonNode object = JSON.readTree(column);
		for (Map.Entry<String, JsonNode> entry : object.properties()) {
			FieldDefinition definition = definitions.get(entry.getKey());
			Object value = (definition != null) ? typed(definition, entry.getValue()) : null;
			if (value != null) {
				values.put(entry.getKey(), value);
			}
		}
		return values;
	}

	/**
	 * The values as stored, typed by JSON alone (dates stay strings), for merging a
	 * change.
	 */
	static Map<String, Object> readRaw(String column) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : JSON.readTree(column).properties()) {
			JsonNode node = entry.getValue();
			values.put(entry.getKey(), node.isNumber() ? node.decimalValue()
					: node.isBoolean() ? (Object) node.booleanValue() : node.asString());
		}
		return values;
	}

	private static @Nullable Object typed(FieldDefinition definition, JsonNode node) {
		return switch (definition.type()) {
			case TEXT -> node.isString() ? node.asString() : null;
			case NUMBER -> node.isNumber() ? node.decimalValue() : null;
			case BOOLEAN -> node.isBoolean() ? node.booleanValue() : null;
			case DATE -> node.isString() ? date(node.asString()) : null;
		};
	}

	private static @Nullable LocalDate date(String text) {
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
