package dev.mailgate.contacts.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.mailgate.accounts.WorkspaceId;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

class ContactsApiIntegrationTests extends ContactsApiTestSupport {

	@Test
	void createdContactIsReadBackByIdAndByEmailWithItsEtag() {
		send("POST", "/api/v1/fields",
				"{\"key\": \"company_size\", \"label\": \"Company size\", \"type\": \"number\"}");
		send("POST", "/api/v1/fields", "{\"key\": \"customer_since\", \"type\": \"date\"}");
		MvcTestResult created = send("POST", "/api/v1/contacts", """
				{"email": "  Ada.Lovelace@Example.COM ", "first_name": "Ada", "last_name": "Lovelace",
				 "tags": ["vip", "VIP", "london"], "fields": {"company_size": 42, "customer_since": "2024-03-01"}}
				""");

		assertThat(created).hasStatus(HttpStatus.CREATED);
		Map<String, Object> contact = json(created);
		String etag = created.getResponse().getHeader(HttpHeaders.ETAG);
		assertThat(etag).isEqualTo("\"1\"");
		assertThat(created.getResponse().getHeader(HttpHeaders.LOCATION))
			.endsWith("/api/v1/contacts/" + contact.get("id"));
		assertThat(contact).containsEntry("email", "ada.lovelace@example.com")
			.containsEntry("status", "subscribed")
			.containsEntry("tags", List.of("vip", "london"))
			.containsEntry("fields", Map.of("company_size", 42, "customer_since", "2024-03-01"))
			.containsKeys("created_at", "updated_at", "lists", "consent_at");
		assertThat((String) contact.get("consent_source")).startsWith("api:");
		assertThat(json(get("/api/v1/contacts/" + contact.get("id")))).isEqualTo(contact);
		MvcTestResult byEmail = get("/api/v1/contacts/ADA.LOVELACE@example.com");
		assertThat(json(byEmail)).isEqualTo(contact);
		assertThat(byEmail.getResponse().getHeader(HttpHeaders.ETAG)).isEqualTo(etag);
	}

	@Test
	void creatingAnExistingEmailIsAConflict() {
		contact("{\"email\": \"grace@example.com\"}");

		assertThat(send("POST", "/api/v1/contacts", "{\"email\": \"Grace@example.com\"}"))
			.hasStatus(HttpStatus.CONFLICT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void putByEmailCreatesThenUpdatesLeavingOmittedPropertiesAlone() {
		MvcTestResult created = send("PUT", "/api/v1/contacts/linus@example.com",
				"{\"first_name\": \"Linus\", \"tags\": [\"kernel\"]}");
		MvcTestResult updated = send("PUT", "/api/v1/contacts/linus@example.com", "{\"last_name\": \"Torvalds\"}");

		assertThat(created).hasStatus(HttpStatus.CREATED);
		assertThat(updated).hasStatusOk();
		assertThat(updated.getResponse().getHeader(HttpHeaders.ETAG)).isEqualTo("\"2\"");
		assertThat(json(updated)).containsEntry("first_name", "Linus")
			.containsEntry("last_name", "Torvalds")
			.containsEntry("tags", List.of("kernel"))
			.containsEntry("id", json(created).get("id"));
	}

	@Test
	void putCannotCreateAContactAtAnotherAddressThanItsUrl() {
		MvcTestResult put = send("PUT", "/api/v1/contacts/ada@example.com", "{\"email\": \"other@example.com\"}");

		// RFC 9110 §9.3.4: PUT creates or replaces the resource at its URL
		assertThat(field(put)).isEqualTo("email");
		assertThat(get("/api/v1/contacts/other@example.com")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(send("PUT", "/api/v1/contacts/ada@example.com", "{\"email\": \"ADA@example.com\"}"))
			.hasStatus(HttpStatus.CREATED);
	}

	@Test
	void patchWithAStaleEtagIs412AndChangesNothing() {
		Map<String, Object> contact = contact("{\"email\": \"margaret@example.com\", \"first_name\": \"Margaret\"}");
		String uri = "/api/v1/contacts/" + contact.get("id");
		assertThat(send("PATCH", uri, "{\"last_name\": \"Hamilton\"}", HttpHeaders.IF_MATCH, "\"1\"")).hasStatusOk();

		MvcTestResult stale = send("PATCH", uri, "{\"first_name\": \"Maggie\"}", HttpHeaders.IF_MATCH, "\"1\"");

		// RFC 9110 §13.1.1: a condition on an old representation fails with 412
		assertThat(stale).hasStatus(HttpStatus.PRECONDITION_FAILED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("\"2\"");
		assertThat(json(get(uri))).containsEntry("first_name", "Margaret").containsEntry("last_name", "Hamilton");
		assertThat(send("PATCH", uri, "{\"first_name\": \"Maggie\"}", HttpHeaders.IF_MATCH, "W/\"2\""))
			.hasStatus(HttpStatus.PRECONDITION_FAILED);
		assertThat(delete(uri, HttpHeaders.IF_MATCH, "\"1\"")).hasStatus(HttpStatus.PRECONDITION_FAILED);
		assertThat(delete(uri, HttpHeaders.IF_MATCH, "\"2\"")).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(get(uri)).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void ifMatchStarWritesOnlyAnExistingContact() {
		// RFC 9110 §13.1.1: "*" is true when a current representation exists, false
		// otherwise
		assertThat(send("PUT", "/api/v1/contacts/star@example.com", "{\"first_name\": \"Star\"}", HttpHeaders.IF_MATCH,
				"*"))
			.hasStatus(HttpStatus.PRECONDITION_FAILED);
		assertThat(get("/api/v1/contacts/star@example.com")).hasStatus(HttpStatus.NOT_FOUND);
		contact("{\"email\": \"star@example.com\"}");

		MvcTestResult updated = send("PUT", "/api/v1/contacts/star@example.com", "{\"first_name\": \"Star\"}",
				HttpHeaders.IF_MATCH, "*");

		assertThat(updated).hasStatusOk();
		assertThat(json(updated)).containsEntry("first_name", "Star");
		assertThat(send("PUT", "/api/v1/contacts/star@example.com", "{\"first_name\": \"Old\"}", HttpHeaders.IF_MATCH,
				"\"1\""))
			.hasStatus(HttpStatus.PRECONDITION_FAILED);
	}

	@Test
	void patchClearsWithNullAndRemovesOneFieldValue() {
		send("POST", "/api/v1/fields", "{\"key\": \"plan\", \"type\": \"text\"}");
		send("POST", "/api/v1/fields", "{\"key\": \"trial\", \"type\": \"boolean\"}");
		Map<String, Object> contact = contact("""
				{"email": "ken@example.com", "first_name": "Ken", "fields": {"plan": "pro", "trial": true}}""");

		Map<String, Object> patched = json(send("PATCH", "/api/v1/contacts/" + contact.get("id"),
				"{\"first_name\": null, \"fields\": {\"trial\": null}, \"status\": \"unsubscribed\"}"));

		assertThat(patched).containsEntry("first_name", null)
			.containsEntry("fields", Map.of("plan", "pro"))
			.containsEntry("status", "unsubscribed");
		assertThat(patched.get("consent_at")).isNotEqualTo(contact.get("consent_at"));
	}

	@Test
	void batchReportsEachItemAndAppliesEachWholeOrNotAtAll() {
		send("POST", "/api/v1/fields", "{\"key\": \"score\", \"type\": \"number\"}");
		contact("{\"email\": \"existing@example.com\", \"first_name\": \"Old\"}");

		MvcTestResult result = send("POST", "/api/v1/contacts/batch", """
				{"contacts": [
				  {"email": "new@example.com", "first_name": "New", "fields": {"score": 7}},
				  {"email": "EXISTING@example.com", "first_name": "Renamed"},
				  {"email": "not-an-email", "first_name": "Nobody"},
				  {"email": "half@example.com", "first_name": "Half", "fields": {"score": "high"}},
				  {"email": "new@example.com", "first_name": "Twice"},
				  {"first_name": "No email"}
				]}""");

		assertThat(result).hasStatusOk();
		Map<String, Object> body = json(result);
		assertThat(body).containsEntry("created", 1).containsEntry("updated", 1).containsEntry("errors", 4);
		List<Map<String, Object>> items = items(body);
		assertThat(items).extracting((item) -> item.get("outcome"))
			.containsExactly("created", "updated", "error", "error", "error", "error");
		assertThat(errorFields(items.get(2))).containsExactly("email");
		assertThat(errorFields(items.get(3))).containsExactly("fields.score");
		assertThat(errorFields(items.get(4))).containsExactly("email");
		assertThat(errorFields(items.get(5))).containsExactly("email");
		assertThat(json(get("/api/v1/contacts/existing@example.com"))).containsEntry("first_name", "Renamed");
		assertThat(json(get("/api/v1/contacts/new@example.com"))).containsEntry("first_name", "New");
		// the item with one bad value wrote nothing, not even its good name
		assertThat(get("/api/v1/contacts/half@example.com")).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void batchOfMoreThanAThousandIsRefusedWhole() {
		StringJoiner items = new StringJoiner(",", "{\"contacts\": [", "]}");
		for (int i = 0; i < 1001; i++) {
			items.add("{\"email\": \"bulk" + i + "@example.com\"}");
		}

		assertThat(send("POST", "/api/v1/contacts/batch", items.toString())).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.field", (field) -> assertThat(field).isEqualTo("contacts"));
		assertThat(get("/api/v1/contacts/bulk0@example.com")).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void listingPagesByCursorAndFilters() {
		for (int i = 0; i < 5; i++) {
			contact("{\"email\": \"page" + i + "@example.com\", \"tags\": [\"" + ((i % 2 == 0) ? "even" : "odd")
					+ "\"], \"status\": \"" + ((i == 4) ? "unsubscribed" : "subscribed") + "\"}");
		}

		List<String> emails = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Map<String, Object> page = json(
					get("/api/v1/contacts?limit=2" + ((cursor != null) ? "&cursor=" + cursor : "")));
			items(page).forEach((contact) -> emails.add((String) contact.get("email")));
			cursor = (String) page.get("next_cursor");
			pages++;
		}
		while (cursor != null);

		assertThat(pages).isEqualTo(3);
		assertThat(emails).containsExactly("page0@example.com", "page1@example.com", "page2@example.com",
				"page3@example.com", "page4@example.com");
		assertThat(emailsOf("/api/v1/contacts?tag=EVEN")).containsExactly("page0@example.com", "page2@example.com",
				"page4@example.com");
		assertThat(emailsOf("/api/v1/contacts?status=unsubscribed")).containsExactly("page4@example.com");
		assertThat(emailsOf("/api/v1/contacts?q=PAGE3")).containsExactly("page3@example.com");
		Map<String, Object> newest = json(get("/api/v1/contacts?order=newest&limit=3"));
		assertThat(items(newest)).extracting((contact) -> contact.get("email"))
			.containsExactly("page4@example.com", "page3@example.com", "page2@example.com");
		assertThat(emailsOf("/api/v1/contacts?order=newest&limit=3&cursor=" + newest.get("next_cursor")))
			.containsExactly("page1@example.com", "page0@example.com");
		// a cursor belongs to its order
		assertThat(field(get("/api/v1/contacts?cursor=" + newest.get("next_cursor")))).isEqualTo("cursor");
		assertThat(field(get("/api/v1/contacts?order=sideways"))).isEqualTo("order");
	}

	@Test
	void updatedSinceListsOnlyContactsChangedSinceForIncrementalSync() throws InterruptedException {
		contact("{\"email\": \"before@example.com\"}");
		Thread.sleep(5);
		String since = java.time.Instant.now().toString();
		Thread.sleep(5);
		contact("{\"email\": \"after@example.com\"}");
		send("PUT", "/api/v1/contacts/before@example.com", "{\"first_name\": \"Touched\"}");

		assertThat(emailsOf("/api/v1/contacts?updated_since=" + since)).containsExactly("after@example.com",
				"before@example.com");
	}

	@Test
	void anotherWorkspacesContactIsNotFound() {
		Map<String, Object> mine = contact("{\"email\": \"mine@example.com\"}");
		WorkspaceId other = newWorkspace();
		String theirs = this.token;
		this.token = token(other, "contacts.read contacts.write");

		assertThat(get("/api/v1/contacts/" + mine.get("id"))).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(get("/api/v1/contacts/mine@example.com")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(send("PATCH", "/api/v1/contacts/" + mine.get("id"), "{\"first_name\": \"Eve\"}"))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(delete("/api/v1/contacts/" + mine.get("id"))).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(items(json(get("/api/v1/contacts")))).isEmpty();
		// the same email is a different contact in another workspace
		assertThat(send("POST", "/api/v1/contacts", "{\"email\": \"mine@example.com\"}")).hasStatus(HttpStatus.CREATED);
		this.token = theirs;
		assertThat(json(get("/api/v1/contacts/mine@example.com"))).containsEntry("id", mine.get("id"));
	}

	@Test
	void badInputIs400NamingTheField() {
		send("POST", "/api/v1/fields", "{\"key\": \"employees\", \"type\": \"number\"}");

		assertThat(field(send("POST", "/api/v1/contacts", "{\"email\": \"nope@\"}"))).isEqualTo("email");
		assertThat(field(send("POST", "/api/v1/contacts", "{\"email\": \"a@example.com\", \"nickname\": \"A\"}")))
			.isEqualTo("nickname");
		assertThat(field(send("POST", "/api/v1/contacts",
				"{\"email\": \"a@example.com\", \"fields\": {\"employees\": \"many\"}}")))
			.isEqualTo("fields.employees");
		assertThat(
				field(send("POST", "/api/v1/contacts", "{\"email\": \"a@example.com\", \"fields\": {\"unknown\": 1}}")))
			.isEqualTo("fields.unknown");
		assertThat(field(send("POST", "/api/v1/contacts", "{\"email\": \"a@example.com\", \"tags\": \"vip\"}")))
			.isEqualTo("tags");
		assertThat(field(send("POST", "/api/v1/contacts", "{\"email\": \"a@example.com\", \"status\": \"maybe\"}")))
			.isEqualTo("status");
		assertThat(field(send("POST", "/api/v1/contacts", "{\"email\": \"a@example.com\", \"lists\": [\"x\"]}")))
			.isEqualTo("lists[0]");
		assertThat(field(send("POST", "/api/v1/contacts", "{\"email\": "))).isEqualTo("body");
		assertThat(field(get("/api/v1/contacts?cursor=bm90LWEtY3Vyc29y"))).isEqualTo("cursor");
		assertThat(field(get("/api/v1/contacts?limit=lots"))).isEqualTo("limit");
		assertThat(field(get("/api/v1/contacts?updated_since=yesterday"))).isEqualTo("updated_since");
		assertThat(get("/api/v1/contacts/a@example.com")).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void oversizedBodyIs413() {
		String huge = "{\"contacts\": [" + "{\"email\": \"x@example.com\"},".repeat(200_000) + "{}]}";

		assertThat(send("POST", "/api/v1/contacts/batch", huge)).hasStatus(HttpStatus.CONTENT_TOO_LARGE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void readScopeReadsButCannotWrite() {
		contact("{\"email\": \"scoped@example.com\"}");
		this.token = token(this.workspace, "contacts.read");

		assertThat(get("/api/v1/contacts/scoped@example.com")).hasStatusOk();
		// RFC 6750 §3.1: insufficient_scope is a 403 naming the scope
		MvcTestResult write = send("PUT", "/api/v1/contacts/scoped@example.com", "{\"first_name\": \"No\"}");
		assertThat(write).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(write.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).contains("insufficient_scope");
		this.token = "mga_not-a-token";
		assertThat(get("/api/v1/contacts")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void customFieldsAreDefinedOnceAndDeletingOneRemovesItsValues() {
		assertThat(
				send("POST", "/api/v1/fields", "{\"key\": \"industry\", \"label\": \"Industry\", \"type\": \"text\"}"))
			.hasStatus(HttpStatus.CREATED);
		assertThat(send("POST", "/api/v1/fields", "{\"key\": \"industry\", \"type\": \"text\"}"))
			.hasStatus(HttpStatus.CONFLICT);
		assertThat(field(send("POST", "/api/v1/fields", "{\"key\": \"Bad Key\", \"type\": \"text\"}")))
			.isEqualTo("key");
		assertThat(field(send("POST", "/api/v1/fields", "{\"key\": \"ok\", \"type\": \"color\"}"))).isEqualTo("type");
		contact("{\"email\": \"field@example.com\", \"fields\": {\"industry\": \"Retail\"}}");
		contact("{\"email\": \"other-field@example.com\", \"first_name\": \"industry\"}");
		String before = java.time.Instant.now().toString();

		assertThat(delete("/api/v1/fields/industry")).hasStatus(HttpStatus.NO_CONTENT);
		// the contact changed: a sync asking for changes since then sees it, its old ETag
		// no
		// longer matches
		assertThat(emailsOf("/api/v1/contacts?updated_since=" + before)).containsExactly("field@example.com");
		assertThat(get("/api/v1/contacts/field@example.com").getResponse().getHeader(HttpHeaders.ETAG))
			.isEqualTo("\"2\"");
		send("POST", "/api/v1/fields", "{\"key\": \"industry\", \"type\": \"text\"}");

		assertThat(json(get("/api/v1/contacts/field@example.com"))).containsEntry("fields", Map.of());
		assertThat(items(json(get("/api/v1/fields")))).extracting((field) -> field.get("key"))
			.containsExactly("industry");
	}

	@Test
	void listsHoldContactsAndMembershipShowsOnTheContact() {
		Map<String, Object> list = json(send("POST", "/api/v1/lists", "{\"name\": \"Newsletter\"}"));
		String id = (String) list.get("id");
		Map<String, Object> ada = contact("{\"email\": \"ada@example.com\", \"lists\": [\"" + id + "\"]}");
		Map<String, Object> bob = contact("{\"email\": \"bob@example.com\"}");
		assertThat(send("POST", "/api/v1/lists/" + id + "/contacts", "{\"contact_ids\": [\"" + bob.get("id") + "\"]}"))
			.hasStatus(HttpStatus.NO_CONTENT);

		assertThat(emailsOf("/api/v1/lists/" + id + "/contacts")).containsExactlyInAnyOrder("ada@example.com",
				"bob@example.com");
		assertThat(emailsOf("/api/v1/contacts?list=" + id)).hasSize(2);
		assertThat(json(get("/api/v1/lists/" + id))).containsEntry("member_count", 2);
		assertThat(json(get("/api/v1/contacts/" + bob.get("id")))).containsEntry("lists", List.of(id));
		assertThat(send("POST", "/api/v1/lists", "{\"name\": \"Newsletter\"}")).hasStatus(HttpStatus.CONFLICT);
		send("PATCH", "/api/v1/lists/" + id, "{\"description\": \"Monthly news\"}");
		assertThat(json(send("PATCH", "/api/v1/lists/" + id, "{\"description\": null}"))).containsEntry("description",
				"");

		assertThat(delete("/api/v1/lists/" + id + "/contacts/" + ada.get("id"))).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(json(get("/api/v1/contacts/" + ada.get("id")))).containsEntry("lists", List.of());
		assertThat(delete("/api/v1/lists/" + id)).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(json(get("/api/v1/contacts/" + bob.get("id")))).containsEntry("lists", List.of());
	}

	private List<String> emailsOf(String uri) {
		return items(json(get(uri))).stream().map((contact) -> (String) contact.get("email")).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(Map<String, Object> body) {
		return (List<Map<String, Object>>) body.get("data");
	}

	@SuppressWarnings("unchecked")
	private static List<String> errorFields(Map<String, Object> item) {
		return ((List<Map<String, Object>>) item.get("errors")).stream().map((e) -> (String) e.get("field")).toList();
	}

	private static String field(MvcTestResult result) {
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return (String) json(result).get("field");
	}

}
