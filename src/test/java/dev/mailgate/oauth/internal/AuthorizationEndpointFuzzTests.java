package dev.mailgate.oauth.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mailgate.support.Fuzzing;
import dev.mailgate.support.OAuthFlows;
import org.jspecify.annotations.Nullable;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.web.util.UriUtils;

/**
 * Fuzzes the parameters of {@code GET /oauth2/authorize} (RFC 6749 §4.1.1, RFC 7636 §4.3,
 * RFC 9126 {@code request_uri}), for a person signed in and for a visitor who is not.
 * Whatever arrives, the answer is a redirect, a login or consent page, or an error page,
 * never a 5xx or a stack trace. Seeds (one byte each) pick the well-formed request to
 * start from.
 */
class AuthorizationEndpointFuzzTests extends OAuthTestSupport {

	static final List<String> PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "scope", "state",
			"code_challenge", "code_challenge_method", "prompt", "request_uri", "request", "nonce", "response_mode",
			"max_age", "login_hint", "resource");

	static final List<String> VALUES = List.of("code", "token", "code id_token", "S256", "plain", "none", "login",
			"consent", "contacts.read", "openid profile email", REDIRECT_URI, REDIRECT_URI + "/../x",
			"https://crm.example.com.evil.test/oauth/callback", "http://127.0.0.1:9999/callback", "javascript:alert(1)",
			"urn:ietf:params:oauth:request_uri:abc", "query", "form_post", "%00", "%zz", "🙂", "x".repeat(3000));

	/** Shared by every input: the app that plays the client and the person signed in. */
	private static @Nullable String clientId;

	private static @Nullable MockHttpSession signedIn;

	@FuzzTest(maxDuration = "30s")
	void authorizationRequestIsAnsweredWithoutServerError(FuzzedDataProvider data) {
		Fuzzing.allowLoopbackConnections();
		setUp();
		List<String> parameters = new ArrayList<>(template(data.consumeInt(0, 2)));
		int mutations = data.consumeInt(0, 8);
		for (int i = 0; i < mutations; i++) {
			mutate(data, parameters);
		}
		boolean anonymous = data.consumeBoolean();
		StringBuilder query = new StringBuilder();
		for (int i = 0; i + 1 < parameters.size(); i += 2) {
			query.append((i > 0) ? "&" : "").append(encode(parameters.get(i))).append('=');
			query.append(encode(parameters.get(i + 1)));
		}
		var request = this.mvc.get().uri(URI.create("/oauth2/authorize?" + query));
		if (!anonymous) {
			request.session(signedIn);
		}
		Fuzzing.assertHandled(request);
	}

	private void setUp() {
		if (clientId == null) {
			clientId = confidentialApp("contacts.read contacts.write openid profile email").app().clientId();
			signedIn = this.flows.newPerson("fuzz-" + UUID.randomUUID() + "@example.com");
		}
	}

	private static List<String> template(int which) {
		OAuthFlows.Pkce pkce = OAuthFlows.pkce();
		List<String> full = List.of("response_type", "code", "client_id", clientId, "redirect_uri", REDIRECT_URI,
				"scope", "contacts.read", "state", "s-1", "code_challenge", pkce.challenge(), "code_challenge_method",
				"S256");
		return switch (which) {
			case 0 -> full;
			case 1 -> List.of("response_type", "code", "client_id", clientId, "scope", "openid profile", "state", "s",
					"prompt", "consent", "code_challenge", pkce.challenge(), "code_challenge_method", "S256");
			default -> List.of("client_id", clientId, "request_uri", "urn:ietf:params:oauth:request_uri:nothing");
		};
	}

	private static void mutate(FuzzedDataProvider data, List<String> parameters) {
		int kind = data.consumeInt(0, 3);
		if (parameters.isEmpty() && (kind == 1 || kind == 2)) {
			return;
		}
		switch (kind) {
			case 0 -> {
				parameters.add(data.pickValue(PARAMETERS));
				parameters.add(value(data));
			}
			case 1 -> {
				int at = 2 * data.consumeInt(0, parameters.size() / 2 - 1);
				if (at + 1 < parameters.size()) {
					parameters.set(at + 1, value(data));
				}
			}
			case 2 -> {
				int at = 2 * data.consumeInt(0, parameters.size() / 2 - 1);
				if (at + 1 < parameters.size()) {
					parameters.remove(at + 1);
					parameters.remove(at);
				}
			}
			default -> {
				parameters.add(data.consumeString(30));
				parameters.add(data.consumeString(100));
			}
		}
	}

	private static String value(FuzzedDataProvider data) {
		String value = Fuzzing.oneOf(data, VALUES, 3);
		return data.consumeBoolean() ? value + data.consumeString(60) : value;
	}

	private static String encode(String text) {
		return UriUtils.encode(text, StandardCharsets.UTF_8);
	}

}
