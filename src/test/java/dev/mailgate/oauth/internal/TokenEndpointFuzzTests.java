package dev.mailgate.oauth.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mailgate.support.Fuzzing;
import dev.mailgate.support.OAuthFlows;

import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;

/**
 * Fuzzes {@code POST /oauth2/token} (RFC 6749 §3.2): grant types, client authentication
 * in the header and the body, codes, verifiers and refresh tokens, duplicate and unknown
 * parameters. Whatever arrives, the answer is an OAuth error or a token, never a 5xx or a
 * stack trace (RFC 6749 §5.2). Seeds (one byte each) pick the well-formed request to
 * start from; see docs/fuzzing.md.
 */
class TokenEndpointFuzzTests extends OAuthTestSupport {

	static final List<String> GRANT_TYPES = List.of("client_credentials", "authorization_code", "refresh_token",
			"urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:token-exchange",
			"urn:ietf:params:oauth:grant-type:jwt-bearer", "password", "implicit", "");

	static final List<String> PARAMETERS = List.of("grant_type", "client_id", "client_secret", "scope", "code",
			"code_verifier", "redirect_uri", "refresh_token", "client_assertion", "client_assertion_type", "resource",
			"audience", "subject_token", "subject_token_type", "device_code", "state", "nonce");

	static final List<String> VALUES = List.of("mgc_", "mgr_", "mga_", "mgs_", "contacts.read", "openid",
			"contacts.read contacts.write", REDIRECT_URI, "http://127.0.0.1/callback", BOOTSTRAP_CLIENT_ID,
			BOOTSTRAP_CLIENT_SECRET, "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
			"eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "%00", "%zz", "\u0000", "🙂", "a".repeat(5000));

	@FuzzTest(maxDuration = "30s")
	void tokenRequestIsAnsweredWithoutServerError(FuzzedDataProvider data) {
		Fuzzing.allowLoopbackConnections();
		List<String[]> parameters = new ArrayList<>(template(data.consumeInt(0, 5)));
		String authorization = (parameters.get(0)[0].equals("basic"))
				? basic(BOOTSTRAP_CLIENT_ID, BOOTSTRAP_CLIENT_SECRET) : null;
		parameters.removeIf((parameter) -> parameter[0].equals("basic"));
		int mutations = data.consumeInt(0, 8);
		for (int i = 0; i < mutations; i++) {
			authorization = mutate(data, parameters, authorization);
		}
		MockMvcRequestBuilder request = this.mvc.post()
			.uri("/oauth2/token")
			.header("Content-Type", Fuzzing.contentType(data, List.of("application/x-www-form-urlencoded"), 8));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		parameters.forEach((parameter) -> request.param(parameter[0], parameter[1]));
		Fuzzing.assertHandled(request);
	}

	/**
	 * Well-formed requests: the first has everything right; the others carry values of
	 * the right shape that Mailgate never issued.
	 */
	private static List<String[]> template(int which) {
		OAuthFlows.Pkce pkce = OAuthFlows.pkce();
		return switch (which) {
			case 0 -> List.of(p("basic", ""), p("grant_type", "client_credentials"), p("scope", "contacts.read"));
			case 1 -> List.of(p("grant_type", "client_credentials"), p("client_id", BOOTSTRAP_CLIENT_ID),
					p("client_secret", BOOTSTRAP_CLIENT_SECRET));
			case 2 -> List.of(p("basic", ""), p("grant_type", "authorization_code"), p("code", "mgc_" + "A".repeat(43)),
					p("redirect_uri", REDIRECT_URI), p("code_verifier", pkce.verifier()));
			case 3 ->
				List.of(p("basic", ""), p("grant_type", "refresh_token"), p("refresh_token", "mgr_" + "B".repeat(49)));
			case 4 -> List.of(p("grant_type", "authorization_code"), p("client_id", "public-app"), p("code", "mgc_x"),
					p("code_verifier", pkce.verifier()));
			default -> List.<String[]>of(p("grant_type", "client_credentials"));
		};
	}

	private static String mutate(FuzzedDataProvider data, List<String[]> parameters, String authorization) {
		switch (data.consumeInt(0, 4)) {
			case 0 -> parameters.add(p(data.pickValue(PARAMETERS), value(data)));
			case 1 -> parameters.add(p(data.consumeString(40), value(data)));
			case 2 -> {
				if (!parameters.isEmpty()) {
					parameters.remove(data.consumeInt(0, parameters.size() - 1));
				}
			}
			case 3 -> parameters.add(p("grant_type", Fuzzing.oneOf(data, GRANT_TYPES, 4)));
			default -> {
				return switch (data.consumeInt(0, 3)) {
					case 0 -> basic(value(data), value(data));
					case 1 -> "Basic " + data.consumeString(100);
					case 2 -> null;
					default -> data.consumeString(200);
				};
			}
		}
		return authorization;
	}

	private static String value(FuzzedDataProvider data) {
		String value = Fuzzing.oneOf(data, VALUES, 3);
		return data.consumeBoolean() ? value + data.consumeString(60) : value;
	}

	private static String basic(String id, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	private static String[] p(String name, String value) {
		return new String[] { name, value };
	}

}
