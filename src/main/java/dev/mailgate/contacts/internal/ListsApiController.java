package dev.mailgate.contacts.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.contacts.ContactId;
import dev.mailgate.contacts.ContactList;
import dev.mailgate.contacts.ContactNotFound;
import dev.mailgate.contacts.ContactQuery;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.InvalidContact;
import dev.mailgate.contacts.ListId;
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
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/lists}: lists and who is on them.
 */
@RestController
@RequestMapping("/api/v1/lists")
@Tag(name = "Lists", description = "Lists and who is on them")
class ListsApiController {

	private final Contacts contacts;

	ListsApiController(Contacts contacts) {
		this.contacts = contacts;
	}

	@Operation(summary = "List the workspace's lists")
	@ApiResponse(responseCode = "200", description = "Every list",
			content = @Content(schema = @Schema(implementation = ContactsSchemas.ListPage.class)))
	@GetMapping
	Map<String, @Nullable Object> listLists(@AuthenticationPrincipal Jwt token) {
		return ContactsApiController
			.page(this.contacts.lists(workspace(token)).stream().map(ListsApiController::write).toList(), null);
	}

	@Operation(summary = "Create a list")
	@ApiResponse(responseCode = "201", description = "Created; `Location` names it",
			content = @Content(schema = @Schema(implementation = ContactsSchemas.ContactList.class)))
	@ApiResponse(responseCode = "400", description = "No `name`, or a value of the wrong type or length")
	@ApiResponse(responseCode = "409", description = "A list with this name exists")
	@PostMapping
	ResponseEntity<Map<String, Object>> createList(@AuthenticationPrincipal Jwt token,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = ContactsSchemas.ListInput.class))) @RequestBody JsonNode body) {
		String name = text(body, "name");
		if (name == null) {
			throw new InvalidContact("name", "required");
		}
		String description = text(body, "description");
		ContactList list = this.contacts.createList(workspace(token), name, (description != null) ? description : "");
		return ResponseEntity.created(URI.create("/api/v1/lists/" + list.id())).body(write(list));
	}

	@Operation(summary = "Show a list")
	@ApiResponse(responseCode = "200", description = "The list",
			content = @Content(schema = @Schema(implementation = ContactsSchemas.ContactList.class)))
	@ApiResponse(responseCode = "404", description = "No such list in your workspace")
	@GetMapping("/{id}")
	Map<String, Object> showList(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id) {
		return write(this.contacts.findList(workspace(token), listId(id))
			.orElseThrow(() -> new ContactNotFound("List " + id)));
	}

	@Operation(summary = "Rename a list or change its description")
	@ApiResponse(responseCode = "200", description = "The changed list",
			content = @Content(schema = @Schema(implementation = ContactsSchemas.ContactList.class)))
	@ApiResponse(responseCode = "400", description = "A value of the wrong type or length")
	@ApiResponse(responseCode = "404", description = "No such list in your workspace")
	@ApiResponse(responseCode = "409", description = "Another list has this name")
	@PatchMapping("/{id}")
	Map<String, Object> updateList(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = ContactsSchemas.ListInput.class))) @RequestBody JsonNode body) {
		String description = text(body, "description");
		if (description == null && body.has("description")) {
			description = ""; // null clears it, as everywhere in the API
		}
		return write(this.contacts.updateList(workspace(token), listId(id), text(body, "name"), description));
	}

	@Operation(summary = "Delete a list", description = "Its contacts stay.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "No such list in your workspace")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> deleteList(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id) {
		this.contacts.deleteList(workspace(token), listId(id));
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "List the list's contacts, a page at a time")
	@ApiResponse(responseCode = "200", description = "A page of contacts",
			content = @Content(schema = @Schema(implementation = ContactsSchemas.ContactPage.class)))
	@ApiResponse(responseCode = "400", description = "A bad `limit` or `cursor`")
	@ApiResponse(responseCode = "404", description = "No such list in your workspace")
	@GetMapping("/{id}/contacts")
	Map<String, @Nullable Object> listMembers(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id,
			@Parameter(description = "Contacts per page",
					schema = @Schema(type = "integer", minimum = "1", maximum = "1000",
							defaultValue = "100")) @RequestParam(required = false) @Nullable String limit,
			@Parameter(description = "The `next_cursor` of the page before") @RequestParam(
					required = false) @Nullable String cursor) {
		WorkspaceId workspace = workspace(token);
		ListId list = listId(id);
		this.contacts.findList(workspace, list).orElseThrow(() -> new ContactNotFound("List " + id));
		ContactQuery query = new ContactQuery(list, null, null, null, null);
		return ContactsApiController.page(this.contacts.list(workspace, query,
				(cursor == null || cursor.isBlank()) ? null : cursor, ContactsApiController.limit(limit)));
	}

	/**
	 * Adds contacts: {@code {"contact_ids": [...]}}.
	 */
	@Operation(summary = "Add contacts to the list")
	@ApiResponse(responseCode = "204", description = "They are on the list")
	@ApiResponse(responseCode = "400", description = "Not an array of at most 1,000 contact ids")
	@ApiResponse(responseCode = "404", description = "No such list, or no such contact, in your workspace")
	@PostMapping("/{id}/contacts")
	ResponseEntity<Void> addMembers(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = ContactsSchemas.ListMembers.class))) @RequestBody JsonNode body) {
		JsonNode ids = body.isObject() ? body.get("contact_ids") : null;
		if (ids == null || !ids.isArray() || ids.size() > Contacts.MAX_BATCH) {
			throw new InvalidContact("contact_ids", "an array of at most %d contact ids".formatted(Contacts.MAX_BATCH));
		}
		List<ContactId> contacts = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			int index = i;
			contacts.add(ContactId.parse(ids.get(i).isString() ? ids.get(i).asString() : "")
				.orElseThrow(() -> new InvalidContact("contact_ids[" + index + "]", "not a contact id")));
		}
		this.contacts.addToList(workspace(token), listId(id), contacts);
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Take a contact off the list")
	@ApiResponse(responseCode = "204", description = "It is off the list")
	@ApiResponse(responseCode = "404", description = "No such list, or no such contact, in your workspace")
	@DeleteMapping("/{id}/contacts/{contactId}")
	ResponseEntity<Void> removeMember(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String contactId) {
		this.contacts.removeFromList(workspace(token), listId(id), ContactsApiController.contactId(contactId));
		return ResponseEntity.noContent().build();
	}

	private static Map<String, Object> write(ContactList list) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", list.id().toString());
		json.put("name", list.name());
		json.put("description", list.description());
		json.put("member_count", list.members());
		json.put("created_at", list.createdAt().toString());
		return json;
	}

	static @Nullable String text(JsonNode body, String name) {
		if (!body.isObject()) {
			throw new InvalidContact("body", "must be a JSON object");
		}
		JsonNode node = body.get(name);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw new InvalidContact(name, "must be a string");
		}
		return node.asString();
	}

	private static ListId listId(String id) {
		return ListId.parse(id).orElseThrow(() -> new ContactNotFound("List " + id));
	}

	private static WorkspaceId workspace(Jwt token) {
		return ApiCaller.of(token).workspace();
	}

}
