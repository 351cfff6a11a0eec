package dev.mailgate.contacts.internal;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mailgate.platform.PageParameters;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.contacts.BatchItemResult;
import dev.mailgate.contacts.Contact;
import dev.mailgate.contacts.ContactChanges;
import dev.mailgate.contacts.ContactId;
import dev.mailgate.contacts.ContactNotFound;
import dev.mailgate.contacts.ContactQuery;
import dev.mailgate.contacts.Contacts;
import dev.mailgate.contacts.FieldError;
import dev.mailgate.contacts.InvalidContact;
import dev.mailgate.contacts.ListId;
import dev.mailgate.contacts.Page;
import dev.mailgate.contacts.SubscriptionStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/contacts}: what CRM integrations read and write. Every response carries
 * the contact's ETag; changes honour {@code If-Match}, so concurrent writers lose
 * nothing.
 */
@RestController
@RequestMapping("/api/v1/contacts")
@Tag(name = "Contacts", description = "Contacts, their custom fields, tags and subscription status")
class ContactsApiController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final String ETAG = "The contact's version (`\"3\"`): send it back in `If-Match`";

	static final String BAD_CONTACT = "A wrong property, named in `field` and `errors`";

	static final String NO_CONTACT = "No such contact in your workspace";

	static final String STALE = "`If-Match` names a version that is no longer current";

	static final String CONFLICT = "The body's `email` belongs to another contact, or another request changed "
			+ "the contact at the same moment (nothing was written: try again)";

	static final String IF_MATCH = "Write only if the contact is still at this version (its ETag); `*`: only if it exists";

	private final Contacts contacts;

	private final BulkTurns bulk;

	ContactsApiController(Contacts contacts, BulkTurns bulk) {
		this.contacts = contacts;
		this.bulk = bulk;
	}

	@Operation(summary = "List contacts, a page at a time", description = """
			In the order of their last change, oldest first: a sync remembers the last `updated_at` it saw and \
			asks for `updated_since` that time on its next run (list membership changes count).""")
	@ApiResponse(responseCode = "200", description = "A page of contacts",
			content = @Content(schema = @Schema(implementation = ContactsSchemas.ContactPage.class)))
	@ApiResponse(responseCode = "400", description = "A bad `limit`, `cursor`, `list`, `status` or `updated_since`")
	@GetMapping
	Map<String, @Nullable Object> listContacts(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Contacts per page",
					schema = @Schema(type = "integer", minimum = "1", maximum = "1000",
							defaultValue = "100")) @RequestParam(required = false) @Nullable String limit,
			@Parameter(description = "The `next_cursor` of the page before") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(description = "Only contacts on this list",
					schema = @Schema(format = "uuid")) @RequestParam(required = false) @Nullable String list,
			@Parameter(description = "Only contacts with this tag") @RequestParam(
					required = false) @Nullable String tag,
			@Parameter(description = "Only contacts with this status",
					schema = @Schema(
							allowableValues = { "subscribed", "unsubscribed", "cleaned", "pending" })) @RequestParam(
									required = false) @Nullable String status,
			@Parameter(description = "Only contacts changed since then",
					schema = @Schema(format = "date-time", example = "2026-11-28T00:00:00Z")) @RequestParam(
							name = "updated_since", required = false) @Nullable String updatedSince,
			@Parameter(description = "Part of an email or a name") @RequestParam(required = false) @Nullable String q,
			@Parameter(description = "`oldest` changed first (the default, for incremental sync) or `newest` first",
					schema = @Schema(allowableValues = { "oldest", "newest" })) @RequestParam(
							required = false) @Nullable String order) {
		ContactQuery query = new ContactQuery(listId(list), blankToNull(tag), status(status), since(updatedSince),
				blankToNull(q));
		WorkspaceId workspace = ApiCaller.of(token).workspace();
		if (order == null || order.isBlank() || order.equals("oldest")) {
			return page(this.contacts.list(workspace, query, blankToNull(cursor), limit(limit)));
		}
		if (order.equals("newest")) {
			return page(this.contacts.listNewestFirst(workspace, query, blankToNull(cursor), limit(limit)));
		}
		throw new InvalidContact("order", "oldest or newest");
	}

	/**
	 * How many contacts a listing with the same filters would page through, for a sync's
	 * progress bar.
	 */
	@Operation(summary = "Count contacts", description = """
			The number of contacts `GET /api/v1/contacts` with the same filters lists: a sync asks once, \
			before its first page, to show how far it is.""")
	@ApiResponse(responseCode = "200", description = "`{\"count\": 2500}`")
	@ApiResponse(responseCode = "400", description = "A bad `list`, `status` or `updated_since`")
	@GetMapping("/count")
	Map<String, Object> countContacts(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "Only contacts on this list",
					schema = @Schema(format = "uuid")) @RequestParam(required = false) @Nullable String list,
			@Parameter(description = "Only contacts with this tag") @RequestParam(
					required = false) @Nullable String tag,
			@Parameter(description = "Only contacts with this status") @RequestParam(
					required = false) @Nullable String status,
			@Parameter(description = "Only contacts changed since then",
					schema = @Schema(format = "date-time")) @RequestParam(name = "updated_since",
							required = false) @Nullable String updatedSince,
			@Parameter(description = "Part of an email or a name") @RequestParam(required = false) @Nullable String q) {
		ContactQuery query = new ContactQuery(listId(list), blankToNull(tag), status(status), since(updatedSince),
				blankToNull(q));
		return Map.of("count", this.contacts.count(ApiCaller.of(token).workspace(), query));
	}

	@Operation(summary = "Create a contact")
	@ApiResponse(responseCode = "201", description = "Created; `Location` names it",
			headers = @Header(name = "ETag", description = ETAG),
			content = @Content(schema = @Schema(implementation = ContactsSchemas.Contact.class)))
	@ApiResponse(responseCode = "400", description = BAD_CONTACT)
	@ApiResponse(responseCode = "409", description = "A contact with this email exists")
	@PostMapping
	ResponseEntity<Map<String, @Nullable Object>> createContact(@AuthenticationPrincipal Jwt token,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(
					implementation = ContactsSchemas.ContactInput.class))) @RequestBody JsonNode body) {
		ApiCaller caller = ApiCaller.of(token);
		Contact contact = this.contacts.create(caller.workspace(), withSource(ContactJson.read(body), caller));
		return ResponseEntity.created(URI.create("/api/v1/contacts/" + contact.id()))
			.eTag(contact.etag())
			.body(ContactJson.write(contact));
	}

	/**
	 * By id, or by email address.
	 */
	@Operation(summary = "Show a contact, by id or by email")
	@ApiResponse(responseCode = "200", description = "The contact",
			headers = @Header(name = "ETag", description = ETAG),
			content = @Content(schema = @Schema(implementation = ContactsSchemas.Contact.class)))
	@ApiResponse(responseCode = "404", description = NO_CONTACT)
	@GetMapping("/{key}")
	ResponseEntity<Map<String, @Nullable Object>> showContact(@AuthenticationPrincipal Jwt token,
			@Parameter(description = "The contact's id or email address",
					example = "ada.lovelace@example.com") @PathVariable String key) {
		ApiCaller caller = ApiCaller.of(token);
		Contact contact = ContactId.parse(key)
			.flatMap((id) -> this.contacts.find(caller.workspace(), id))
			.or(() -> this.contacts.findByEmail(caller.workspace(), key))
			.orElseThrow(() -> new ContactNotFound("Contact " + key));
		return ResponseEntity.ok().eTag(contact.etag()).body(ContactJson.write(contact));
	}

	@Operation(summary = "Change the properties you send")
	@ApiResponse(responseCode = "200", description = "The changed contact",
			headers = @Header(name = "ETag", description = ETAG),
			content = @Content(schema = @Schema(implementation = ContactsSchemas.Contact.class)))
	@ApiResponse(responseCode = "400", description = BAD_CONTACT)
	@ApiResponse(responseCode = "404", description = NO_CONTACT)
	@ApiResponse(responseCode = "409", description = CONFLICT)
	@ApiResponse(responseCode = "412", description = STALE)
	@PatchMapping("/{id}")
	ResponseEntity<Map<String, @Nullable Object>> updateContact(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id,
			@Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) @Nullable String ifMatch,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(
					implementation = ContactsSchemas.ContactInput.class))) @RequestBody JsonNode body) {
		ApiCaller caller = ApiCaller.of(token);
		Contact contact = this.contacts.update(caller.workspace(), contactId(id),
				withSource(ContactJson.read(body), caller), IfMatch.version(ifMatch));
		return ResponseEntity.ok().eTag(contact.etag()).body(ContactJson.write(contact));
	}

	/**
	 * Creates or updates the contact with this email (an upsert).
	 */
	@Operation(summary = "Create or change the contact with this email (an upsert)")
	@ApiResponse(responseCode = "200", description = "Changed", headers = @Header(name = "ETag", description = ETAG),
			content = @Content(schema = @Schema(implementation = ContactsSchemas.Contact.class)))
	@ApiResponse(responseCode = "201", description = "Created", headers = @Header(name = "ETag", description = ETAG),
			content = @Content(schema = @Schema(implementation = ContactsSchemas.Contact.class)))
	@ApiResponse(responseCode = "400", description = BAD_CONTACT)
	@ApiResponse(responseCode = "409", description = CONFLICT)
	@ApiResponse(responseCode = "412", description = STALE)
	@PutMapping("/{email}")
	ResponseEntity<Map<String, @Nullable Object>> upsertContact(@AuthenticationPrincipal Jwt token,
			@Parameter(example = "ada.lovelace@example.com") @PathVariable String email,
			@Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) @Nullable String ifMatch,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(
					implementation = ContactsSchemas.ContactInput.class))) @RequestBody JsonNode body) {
		ApiCaller caller = ApiCaller.of(token);
		Contacts.Upserted upserted = this.contacts.upsert(caller.workspace(), email,
				withSource(ContactJson.read(body), caller), IfMatch.version(ifMatch));
		Contact contact = upserted.contact();
		return ResponseEntity.status(upserted.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.location(URI.create("/api/v1/contacts/" + contact.id()))
			.eTag(contact.etag())
			.body(ContactJson.write(contact));
	}

	@Operation(summary = "Delete a contact")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = NO_CONTACT)
	@ApiResponse(responseCode = "412", description = STALE)
	@DeleteMapping("/{id}")
	ResponseEntity<Void> deleteContact(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id,
			@Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) @Nullable String ifMatch) {
		this.contacts.delete(ApiCaller.of(token).workspace(), contactId(id), IfMatch.version(ifMatch));
		return ResponseEntity.noContent().build();
	}

	/**
	 * Upserts up to 1,000 contacts: {@code {"contacts": [...]}}, a result for each. The
	 * body is read only when the batch's turn comes ({@link BulkTurns}), so waiting
	 * batches hold no memory.
	 */
	@Operation(summary = "Create or change up to 1,000 contacts by email",
			description = "Each item is applied whole or not at all; the others are written all the same.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = ContactsSchemas.ContactBatch.class))))
	@ApiResponse(responseCode = "200", description = "A result for each item",
			content = @Content(schema = @Schema(implementation = ContactsSchemas.BatchResult.class)))
	@ApiResponse(responseCode = "400",
			description = "More than 1,000 items, or a body that is not `{\"contacts\": [...]}`")
	@PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> upsertContacts(@AuthenticationPrincipal Jwt token, @Parameter(hidden = true) InputStream body) {
		ApiCaller caller = ApiCaller.of(token);
		return this.bulk.run(() -> upsertAll(caller, read(body)));
	}

	private Map<String, Object> upsertAll(ApiCaller caller, JsonNode body) {
		JsonNode items = body.isObject() ? body.get("contacts") : null;
		if (items == null || !items.isArray()) {
			throw new InvalidContact("contacts", "the body is {\"contacts\": [ ... ]}, an array of contacts");
		}
		if (items.size() > Contacts.MAX_BATCH) {
			throw new InvalidContact("contacts",
					"a batch has at most %d contacts, this one has %d".formatted(Contacts.MAX_BATCH, items.size()));
		}
		List<ContactChanges> readable = new ArrayList<>();
		Map<Integer, List<FieldError>> unreadable = new LinkedHashMap<>();
		for (int i = 0; i < items.size(); i++) {
			List<FieldError> errors = new ArrayList<>();
			ContactChanges item = ContactJson.read(items.get(i), "", errors);
			if (item.email() == null && errors.isEmpty()) {
				errors.add(new FieldError("email", "required: a batch finds contacts by email"));
			}
			if (errors.isEmpty()) {
				readable.add(withSource(item, caller));
			}
			else {
				unreadable.put(i, errors);
			}
		}
		List<BatchItemResult> applied = this.contacts.upsertAll(caller.workspace(), readable);
		return BatchJson.write(items.size(), applied, unreadable);
	}

	private static JsonNode read(InputStream body) {
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new MalformedJson(ex);
		}
	}

	static Map<String, @Nullable Object> page(Page<Contact> page) {
		return page(page.data().stream().map(ContactJson::write).toList(), page.nextCursor());
	}

	/**
	 * The API's one listing shape (DESIGN.md): {@code {"data": [...], "next_cursor":
	 * ...}}.
	 */
	static Map<String, @Nullable Object> page(List<?> data, @Nullable String nextCursor) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("data", data);
		json.put("next_cursor", nextCursor);
		return json;
	}

	private static ContactChanges withSource(ContactChanges changes, ApiCaller caller) {
		return (changes.consentSource() != null) ? changes : changes.withConsentSource(caller.source());
	}

	static int limit(@Nullable String limit) {
		return PageParameters.limit(limit, 100, Contacts.MAX_BATCH,
				() -> new InvalidContact("limit", "a whole number from 1 to 1000"));
	}

	static ContactId contactId(String id) {
		return ContactId.parse(id).orElseThrow(() -> new ContactNotFound("Contact " + id));
	}

	private static @Nullable ListId listId(@Nullable String list) {
		if (list == null || list.isBlank()) {
			return null;
		}
		return ListId.parse(list.strip()).orElseThrow(() -> new InvalidContact("list", "not a list id"));
	}

	private static @Nullable SubscriptionStatus status(@Nullable String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		return SubscriptionStatus.parse(status)
			.orElseThrow(() -> new InvalidContact("status", "one of subscribed, unsubscribed, cleaned, pending"));
	}

	private static @Nullable Instant since(@Nullable String since) {
		if (since == null || since.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(since.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidContact("updated_since", "a time such as 2026-11-28T09:30:00Z");
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
