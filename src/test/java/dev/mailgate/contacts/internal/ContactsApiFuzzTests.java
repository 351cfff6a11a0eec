package dev.mailgate.contacts.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mailgate.support.Fuzzing;
import org.jspecify.annotations.Nullable;

import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.util.UriUtils;

/**
 * Fuzzes the contacts JSON API: bodies of {@code POST /api/v1/contacts}, {@code PATCH
 * /api/v1/contacts/{id}} and {@code POST /api/v1/contacts/batch}, and the listing's
 * {@code limit}, {@code cursor}, {@code updated_since} and filters. Whatever arrives, the
 * answer is a contact, a page or an RFC 9457 problem, never a 5xx or a stack trace. Seeds
 * (one byte each) pick the operation and its well-formed request.
 */
class ContactsApiFuzzTests extends ContactsApiTestSupport {

	static final List<String> KEYS = List.of("email", "first_name", "last_name", "status", "tags", "fields", "lists",
			"consent_source", "consent_at", "id", "contacts", "created_at", "updated_at");

	static final List<String> CONTACTS = List.of("""
			{"email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace", "status": "subscribed",
			 "tags": ["vip"], "consent_source": "signup form"}""", """
			{"first_name": "Grace", "tags": [], "status": "unsubscribed"}""", """
			{"contacts": [{"email": "ken@example.com", "first_name": "Ken"}, {"email": "bad"}]}""");

	static final List<String> QUERY = List.of("limit", "cursor", "updated_since", "list", "tag", "status", "q",
			"order");

	static final List<String> QUERY_VALUES = List.of("1", "1000", "1001", "-1", "0", "2026-11-28T00:00:00Z",
			"2026-11-28", "subscribed", "newest", "oldest", "eyJpZCI6MX0", "00000000-0000-0000-0000-000000000000",
			"99999999999999999999", "%", "_", "\\");

	private @Nullable String contactPath;

	@FuzzTest(maxDuration = "30s")
	void contactRequestIsAnsweredWithoutServerError(FuzzedDataProvider data) {
		Fuzzing.allowLoopbackConnections();
		String path = existingContact();
		MvcTestResult result = switch (data.consumeInt(0, 3)) {
			case 0 -> send("POST", "/api/v1/contacts", body(data, 0));
			case 1 -> send("PATCH",
					(data.consumeInt(0, 5) == 5) ? "/api/v1/contacts/" + encode(data.consumeString(60)) : path,
					body(data, 1), "If-Match", Fuzzing.oneOf(data, List.of("*"), 3));
			case 2 -> send("POST", "/api/v1/contacts/batch", body(data, 2));
			default -> get(listing(data));
		};
		Fuzzing.assertHandled(result);
	}

	private String existingContact() {
		if (this.contactPath == null) {
			this.contactPath = "/api/v1/contacts/"
					+ contact("{\"email\": \"fuzz-" + UUID.randomUUID() + "@example.com\"}").get("id");
		}
		return this.contactPath;
	}

	private static String body(FuzzedDataProvider data, int template) {
		String json = CONTACTS.get(template);
		return switch (data.consumeInt(0, 3)) {
			case 1 -> "{" + Fuzzing.quoted(Fuzzing.oneOf(data, KEYS, 6)) + ":" + Fuzzing.json(data, KEYS, 3) + ","
					+ json.substring(1);
			case 2 -> Fuzzing.object(data, KEYS, 3);
			case 3 -> data.consumeRemainingAsString();
			default -> json;
		};
	}

	private static URI listing(FuzzedDataProvider data) {
		StringBuilder query = new StringBuilder("/api/v1/contacts?");
		int size = data.consumeInt(0, 5);
		for (int i = 0; i < size; i++) {
			query.append(encode(Fuzzing.oneOf(data, QUERY, 8))).append('=');
			query.append(encode(Fuzzing.oneOf(data, QUERY_VALUES, 3))).append('&');
		}
		return URI.create(query.toString());
	}

	private static String encode(String text) {
		return UriUtils.encode(text, StandardCharsets.UTF_8);
	}

	private MvcTestResult get(URI uri) {
		return this.mvc.get().uri(uri).header("Authorization", "Bearer " + this.token).exchange();
	}

}
