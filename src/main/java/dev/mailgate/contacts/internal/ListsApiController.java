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
class ListsApiController {

	private final Contacts contacts;

	ListsApiController(Contacts contacts) {
		this.contacts = contacts;
	}

	@GetMapping
	Map<String, @Nullable Object> listLists(@AuthenticationPrincipal Jwt token) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("data", this.contacts.lists(workspace(token)).stream().map(ListsApiController::write).toList());
		json.put("next_cursor", null);
		return json;
	}

	@PostMapping
	ResponseEntity<Map<String, Object>> createList(@AuthenticationPrincipal Jwt token, @RequestBody JsonNode body) {
		String name = text(body, "name");
		if (name == null) {
			throw new InvalidContact("name", "required");
		}
		String description = text(body, "description");
		ContactList list = this.contacts.createList(workspace(token), name, (description != null) ? description : "");
		return ResponseEntity.created(URI.create("/api/v1/lists/" + list.id())).body(write(list));
	}

	@GetMapping("/{id}")
	Map<String, Object> showList(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
		return write(this.contacts.findList(workspace(token), listId(id))
			.orElseThrow(() -> new ContactNotFound("List " + id)));
	}

	@PatchMapping("/{id}")
	Map<String, Object> updateList(@AuthenticationPrincipal Jwt token, @PathVariable String id,
			@RequestBody JsonNode body) {
		String description = text(body, "description");
		if (description == null && body.has("description")) {
			description = ""; // null clears it, as everywhere in the API
		}
		return write(this.contacts.updateList(workspace(token), listId(id), text(body, "name"), description));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> deleteList(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
		this.contacts.deleteList(workspace(token), listId(id));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/contacts")
	Map<String, @Nullable Object> listMembers(@AuthenticationPrincipal Jwt token, @PathVariable String id,
			@RequestParam(required = false) @Nullable String limit,
			@RequestParam(required = false) @Nullable String cursor) {
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
	@PostMapping("/{id}/contacts")
	ResponseEntity<Void> addMembers(@AuthenticationPrincipal Jwt token, @PathVariable String id,
			@RequestBody JsonNode body) {
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

	@DeleteMapping("/{id}/contacts/{contactId}")
	ResponseEntity<Void> removeMember(@AuthenticationPrincipal Jwt token, @PathVariable String id,
			@PathVariable String contactId) {
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
