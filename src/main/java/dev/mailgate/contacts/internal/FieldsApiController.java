package dev.mailgate.contacts.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.FieldDefinition;
import dev.mailgate.contacts.FieldType;
import dev.mailgate.contacts.InvalidContact;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/fields}: the workspace's custom field definitions.
 */
@RestController
@RequestMapping("/api/v1/fields")
@Tag(name = "Fields", description = "The workspace's custom fields, which every contact may have a value of")
class FieldsApiController {

	private final Contacts contacts;

	FieldsApiController(Contacts contacts) {
		this.contacts = contacts;
	}

	@Operation(summary = "List the custom fields")
	@ApiResponse(responseCode = "200", description = "Every field",
			content = @Content(schema = @Schema(implementation = ContactsSchemas.FieldPage.class)))
	@GetMapping
	Map<String, @Nullable Object> listFields(@AuthenticationPrincipal Jwt token) {
		return ContactsApiController.page(
				this.contacts.fields(ApiCaller.of(token).workspace()).stream().map(FieldsApiController::write).toList(),
				null);
	}

	/**
	 * Defines a field: {@code {"key": "company_size", "label": "Company size", "type":
	 * "number"}}.
	 */
	@Operation(summary = "Define a custom field")
	@ApiResponse(responseCode = "201", description = "Defined; `Location` names it",
			content = @Content(schema = @Schema(implementation = ContactsSchemas.Field.class)))
	@ApiResponse(responseCode = "400", description = "A bad `key`, `label` or `type`")
	@ApiResponse(responseCode = "409", description = "A field with this key exists")
	@PostMapping
	ResponseEntity<Map<String, Object>> defineField(@AuthenticationPrincipal Jwt token,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = ContactsSchemas.FieldInput.class))) @RequestBody JsonNode body) {
		String key = ListsApiController.text(body, "key");
		String type = ListsApiController.text(body, "type");
		String label = ListsApiController.text(body, "label");
		if (key == null) {
			throw new InvalidContact("key", "required, such as company_size");
		}
		FieldType parsed = (type != null) ? FieldType.parse(type).orElse(null) : null;
		if (parsed == null) {
			throw new InvalidContact("type", "one of text, number, date, boolean");
		}
		FieldDefinition field = this.contacts.defineField(ApiCaller.of(token).workspace(), key,
				(label != null) ? label : key, parsed);
		return ResponseEntity.created(URI.create("/api/v1/fields/" + field.key())).body(write(field));
	}

	@Operation(summary = "Delete a custom field", description = "Every contact's value of it goes too.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "No such field in your workspace")
	@DeleteMapping("/{key}")
	ResponseEntity<Void> deleteField(@AuthenticationPrincipal Jwt token,
			@Parameter(example = "company_size") @PathVariable String key) {
		this.contacts.deleteField(ApiCaller.of(token).workspace(), key);
		return ResponseEntity.noContent().build();
	}

	private static Map<String, Object> write(FieldDefinition field) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("key", field.key());
		json.put("label", field.label());
		json.put("type", field.type().value());
		json.put("created_at", field.createdAt().toString());
		return json;
	}

}
