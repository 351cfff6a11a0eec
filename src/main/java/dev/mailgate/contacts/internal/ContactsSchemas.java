package dev.mailgate.contacts.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import org.jspecify.annotations.Nullable;

/**
 * The contacts API's JSON, for the OpenAPI document only. The controllers read
 * {@code JsonNode} and write maps on purpose, so that an absent property and {@code null}
 * stay apart (absent leaves a value as it is, {@code null} clears it); these records say
 * what that JSON looks like. Names become snake_case in the document, as in the API.
 */
final class ContactsSchemas {

	private ContactsSchemas() {
	}

	@Schema(name = "Contact", description = "A contact, as every contact endpoint answers",
			requiredProperties = { "id", "email", "first_name", "last_name", "status", "consent_source", "consent_at",
					"tags", "fields", "lists", "created_at", "updated_at" })
	record Contact(UUID id,
			@Schema(description = "Trimmed and in lower case; unique in the workspace", format = "email",
					example = "ada.lovelace@example.com") String email,
			@Schema(types = {
					"string", "null" }, example = "Ada") @Nullable String firstName,
			@Schema(types = { "string", "null" }, example = "Lovelace") @Nullable String lastName,
			@Schema(allowableValues = { "subscribed", "unsubscribed", "cleaned", "pending" }) String status,
			@Schema(types = { "string", "null" }, description = "Where the last status change came from",
					example = "api:mgapp-2gwcaqg35bjjsog0ijia") @Nullable String consentSource,
			@Schema(types = { "string", "null" }, format = "date-time",
					description = "When the status last changed") @Nullable Instant consentAt,
			@ArraySchema(schema = @Schema(example = "vip")) List<String> tags,
			@Schema(description = "Custom field values by key: text, number, date (`2026-11-28`) or boolean",
					example = "{\"company_size\": 42, \"customer_since\": \"2024-03-01\"}") Map<String, Object> fields,
			@ArraySchema(
					arraySchema = @Schema(description = "The ids of the lists the contact is on")) List<UUID> lists,
			Instant createdAt, Instant updatedAt){
	}

	@Schema(name = "ContactInput", additionalProperties = AdditionalPropertiesValue.FALSE, description = """
			What to set on a contact. Only the properties you send change; an unknown property is a 400. \
			`null` clears a name; `tags` and `lists` replace the whole set (`null` empties it); `fields` sets the \
			values it names, and a `null` value removes one.""")
	record ContactInput(
			@Schema(description = "Required to create a contact, in a batch too", format = "email",
					example = "ada.lovelace@example.com") String email,
			@Schema(types = {
					"string", "null" }, maxLength = 200, example = "Ada") @Nullable String firstName,
			@Schema(types = { "string", "null" }, maxLength = 200, example = "Lovelace") @Nullable String lastName,
			@Schema(allowableValues = { "subscribed", "unsubscribed", "cleaned", "pending" },
					description = "A new contact is subscribed unless you say otherwise") String status,
			@Schema(maxLength = 200, description = "Where the consent came from; `api:<your client_id>` unless you say",
					example = "signup-form") String consentSource,
			@ArraySchema(arraySchema = @Schema(types = { "array", "null" }),
					schema = @Schema(minLength = 1, maxLength = 100, example = "vip"),
					maxItems = 100) List<String> tags,
			@Schema(description = "Custom field values by key; `null` removes one",
					example = "{\"company_size\": 42}") Map<String, Object> fields,
			@ArraySchema(arraySchema = @Schema(types = { "array", "null" }),
					schema = @Schema(format = "uuid")) List<String> lists){
	}

	@Schema(name = "ContactBatch", requiredProperties = "contacts")
	record ContactBatch(@ArraySchema(maxItems = 1000, arraySchema = @Schema(description = """
			Each found by its `email` and created or updated like `PUT /api/v1/contacts/{email}`, whole or not at \
			all; an email may appear once""")) List<ContactInput> contacts) {
	}

	@Schema(name = "BatchResult", description = "Counts, then one result per item in the request's order",
			requiredProperties = { "created", "updated", "errors", "data" })
	record BatchResult(int created, int updated, @Schema(description = "How many items failed") int errors,
			List<BatchItem> data) {
	}

	@Schema(name = "BatchItem", requiredProperties = { "index", "outcome" })
	record BatchItem(@Schema(description = "The item's position in the request, from 0") int index,
			@Schema(allowableValues = {
					"created", "updated", "error" }) String outcome,
			@Schema(description = "The contact's id, unless the item failed") UUID id,
			@ArraySchema(arraySchema = @Schema(description = "Why it failed; nothing of it was written"),
					schema = @Schema(ref = "#/components/schemas/FieldError")) List<Object> errors){
	}

	@Schema(name = "ContactPage", requiredProperties = { "data", "next_cursor" })
	record ContactPage(List<Contact> data, @Schema(types = {
			"string", "null" },
			description = "Pass as `cursor` for the next page; null on the last") @Nullable String nextCursor){
	}

	@Schema(name = "List", requiredProperties = { "id", "name", "description", "member_count", "created_at" })
	record ContactList(UUID id, @Schema(example = "Newsletter") String name,
			@Schema(example = "Monthly news") String description, int memberCount, Instant createdAt) {
	}

	@Schema(name = "ListInput", description = "Creating a list needs a name; a change names what it changes")
	record ListInput(@Schema(minLength = 1, maxLength = 200, example = "Newsletter") String name,
			@Schema(maxLength = 1000, example = "Monthly news") String description) {
	}

	@Schema(name = "ListPage", requiredProperties = { "data", "next_cursor" })
	record ListPage(List<ContactList> data, @Schema(types = {
			"null" }, description = "Always null: every list fits one page") @Nullable String nextCursor){
	}

	@Schema(name = "ListMembers", requiredProperties = "contact_ids")
	record ListMembers(@ArraySchema(maxItems = 1000) List<UUID> contactIds) {
	}

	@Schema(name = "Field", requiredProperties = { "key", "label", "type", "created_at" })
	record Field(@Schema(example = "company_size") String key, @Schema(example = "Company size") String label,
			@Schema(allowableValues = {
					"text", "number", "date", "boolean" }) String type,
			Instant createdAt){
	}

	@Schema(name = "FieldInput", requiredProperties = { "key", "type" })
	record FieldInput(@Schema(pattern = "^[a-z][a-z0-9_]{0,63}$", example = "company_size") String key,
			@Schema(description = "Shown to people; the key unless you say", maxLength = 200,
					example = "Company size") String label,
			@Schema(allowableValues = {
					"text", "number", "date", "boolean" }) String type){
	}

	@Schema(name = "FieldPage", requiredProperties = { "data", "next_cursor" })
	record FieldPage(List<Field> data, @Schema(types = {
			"null" }, description = "Always null: every field fits one page") @Nullable String nextCursor){
	}

}
