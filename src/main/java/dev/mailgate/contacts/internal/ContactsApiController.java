package dev.mailgate.contacts.internal;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
class ContactsApiController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Contacts contacts;

	private final BulkTurns bulk;

	ContactsApiController(Contacts contacts, BulkTurns bulk) {
		this.contacts = contacts;
		this.bulk = bulk;
	}

	@GetMapping
	Map<String, @Nullable Object> listContacts(@AuthenticationPrincipal Jwt token,
			@RequestParam(required = false) @Nullable String limit,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable String list, @RequestParam(required = false) @Nullable String tag,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(name = "updated_since", required = false) @Nullable String updatedSince,
			@RequestParam(required = false) @Nullable String q) {
		ContactQuery query = new ContactQuery(listId(list), blankToNull(tag), status(status), since(updatedSince),
				blankToNull(q));
		return page(this.contacts.list(ApiCaller.of(token).workspace(), query, blankToNull(cursor), limit(limit)));
	}

	@PostMapping
	ResponseEntity<Map<String, @Nullable Object>> createContact(@AuthenticationPrincipal Jwt token,
			@RequestBody JsonNode body) {
		ApiCaller caller = ApiCaller.of(token);
		Contact contact = this.contacts.create(caller.workspace(), withSource(ContactJson.read(body), caller));
		return ResponseEntity.created(URI.create("/api/v1/contacts/" + contact.id()))
			.eTag(contact.etag())
			.body(ContactJson.write(contact));
	}

	/**
	 * By id, or by email address.
	 */
	@GetMapping("/{key}")
	ResponseEntity<Map<String, @Nullable Object>> showContact(@AuthenticationPrincipal Jwt token,
			@PathVariable String key) {
		ApiCaller caller = ApiCaller.of(token);
		Contact contact = ContactId.parse(key)
			.flatMap((id) -> this.contacts.find(caller.workspace(), id))
			.or(() -> this.contacts.findByEmail(caller.workspace(), key))
			.orElseThrow(() -> new ContactNotFound("Contact " + key));
		return ResponseEntity.ok().eTag(contact.etag()).body(ContactJson.write(contact));
	}

	@PatchMapping("/{id}")
	ResponseEntity<Map<String, @Nullable Object>> updateContact(@AuthenticationPrincipal Jwt token,
			@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody JsonNode body) {
		ApiCaller caller = ApiCaller.of(token);
		Contact contact = this.contacts.update(caller.workspace(), contactId(id),
				withSource(ContactJson.read(body), caller), IfMatch.version(ifMatch));
		return ResponseEntity.ok().eTag(contact.etag()).body(ContactJson.write(contact));
	}

	/**
	 * Creates or updates the contact with this email (an upsert).
	 */
	@PutMapping("/{email}")
	ResponseEntity<Map<String, @Nullable Object>> upsertContact(@AuthenticationPrincipal Jwt token,
			@PathVariable String email,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody JsonNode body) {
		ApiCaller caller = ApiCaller.of(token);
		Contacts.Upserted upserted = this.contacts.upsert(caller.workspace(), email,
				withSource(ContactJson.read(body), caller), IfMatch.version(ifMatch));
		Contact contact = upserted.contact();
		return ResponseEntity.status(upserted.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.location(URI.create("/api/v1/contacts/" + contact.id()))
			.eTag(contact.etag())
			.body(ContactJson.write(contact));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> deleteContact(@AuthenticationPrincipal Jwt token, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		this.contacts.delete(ApiCaller.of(token).workspace(), contactId(id), IfMatch.version(ifMatch));
		return ResponseEntity.noContent().build();
	}

	/**
	 * Upserts up to 1,000 contacts: {@code {"contacts": [...]}}, a result for each. The
	 * body is read only when the batch's turn comes ({@link BulkTurns}), so waiting
	 * batches hold no memory.
	 */
	@PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> upsertContacts(@AuthenticationPrincipal Jwt token, InputStream body) {
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
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("data", page.data().stream().map(ContactJson::write).toList());
		json.put("next_cursor", page.nextCursor());
		return json;
	}

	private static ContactChanges withSource(ContactChanges changes, ApiCaller caller) {
		return (changes.consentSource() != null) ? changes : changes.withConsentSource(caller.source());
	}

	static int limit(@Nullable String limit) {
		if (limit == null || limit.isBlank()) {
			return 100;
		}
		try {
			int value = Integer.parseInt(limit.strip());
			if (value >= 1 && value <= 1000) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidContact("limit", "a whole number from 1 to 1000");
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
