package dev.mailgate.oauth.internal;

import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mailgate.support.Fuzzing;
import dev.mailgate.support.OAuthFlows;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;

/**
 * Fuzzes client metadata at the registration endpoint (RFC 7591 §2, §3.1) and its update
 * (RFC 7592 §2.2): wrong types, long arrays, odd URIs and any unicode. Whatever arrives,
 * the answer is a registration or {@code invalid_client_metadata} /
 * {@code invalid_redirect_uri} (RFC 7591 §3.2.2), never a 5xx or a stack trace. Seeds
 * (one byte each) pick the well-formed metadata to start from.
 */
class RegistrationFuzzTests extends OAuthTestSupport {

	static final List<String> KEYS = List.of("client_name", "redirect_uris", "grant_types", "response_types", "scope",
			"client_uri", "logo_uri", "token_endpoint_auth_method", "jwks", "jwks_uri", "access_token_format",
			"access_token_ttl", "description", "client_id", "contacts", "software_id");

	static final List<String> TEMPLATES = List.of("""
			{"client_name": "Social Scheduler", "redirect_uris": ["https://social.example.com/cb"],
			 "grant_types": ["authorization_code", "refresh_token"], "scope": "campaigns.read reports.read",
			 "client_uri": "https://social.example.com"}""", """
			{"client_name": "Desktop tool", "redirect_uris": ["http://127.0.0.1/callback"],
			 "token_endpoint_auth_method": "none", "grant_types": ["authorization_code"], "scope": "contacts.read"}""",
			"""
					{"client_name": "Nightly export", "grant_types": ["client_credentials"], "scope": "contacts.read",
					 "access_token_format": "jwt", "access_token_ttl": 600}""");

	/** A token with scope client.create, and a registration to update. */
	private static @Nullable String creatorToken;

	private static @Nullable String registrationPath;

	private static @Nullable String registrationToken;

	@FuzzTest(maxDuration = "30s")
	void clientMetadataIsAnsweredWithoutServerError(FuzzedDataProvider data) {
		Fuzzing.allowLoopbackConnections();
		setUp();
		String json = metadata(data);
		boolean update = data.consumeInt(0, 4) == 4;
		var request = (update) ? this.mvc.put().uri(registrationPath) : this.mvc.post().uri("/oauth2/register");
		request.contentType(MediaType.APPLICATION_JSON)
			.header("Authorization", "Bearer " + ((update) ? registrationToken : creatorToken))
			.content(json);
		Fuzzing.assertHandled(request);
	}

	private static String metadata(FuzzedDataProvider data) {
		String json = TEMPLATES.get(data.consumeInt(0, TEMPLATES.size() - 1));
		switch (data.consumeInt(0, 3)) {
			case 1 -> {
				// one member replaced or added, with any JSON value
				String member = Fuzzing.quoted(Fuzzing.oneOf(data, KEYS, 6)) + ":" + Fuzzing.json(data, KEYS, 3);
				json = "{" + member + "," + json.substring(1);
			}
			case 2 -> json = Fuzzing.object(data, KEYS, 3);
			case 3 -> json = data.consumeRemainingAsString();
			default -> {
			}
		}
		return json;
	}

	private void setUp() {
		if (creatorToken == null) {
			creatorToken = (String) this.flows
				.clientCredentials(BOOTSTRAP_CLIENT_ID, BOOTSTRAP_CLIENT_SECRET, "client.create")
				.get("access_token");
			Map<String, Object> registered = OAuthFlows.json(this.mvc.post()
				.uri("/oauth2/register")
				.contentType(MediaType.APPLICATION_JSON)
				.header("Authorization", "Bearer " + creatorToken)
				.content(TEMPLATES.get(0))
				.exchange());
			registrationPath = ((String) registered.get("registration_client_uri")).substring(ISSUER.length());
			registrationToken = (String) registered.get("registration_access_token");
		}
	}

}
