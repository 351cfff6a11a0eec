package dev.mailgate.oauth.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;

import dev.mailgate.support.HttpsClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and oversized protocol requests, over the real server: always a 4xx with an
 * OAuth error, never a 500 or a stack trace (RFC 6749 §5.2).
 */
class MalformedRequestIntegrationTests extends OAuthTestSupport {

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	@Test
	void oversizedTokenRequestIsA400OAuthError() throws Exception {
		HttpResponse<String> response = post("/oauth2/token",
				"grant_type=client_credentials&scope=" + "x".repeat(2_000_000),
				"Basic " + Base64.getEncoder().encodeToString("a:b".getBytes()));

		assertThat(response.statusCode()).isBetween(400, 413);
		assertThat(response.body()).doesNotContain("Exception", "at org.");
	}

	@Test
	void garbledBasicCredentialsAreInvalidRequestOrInvalidClient() throws Exception {
		HttpResponse<String> response = post("/oauth2/token", "grant_type=client_credentials", "Basic !!!not-base64");

		assertThat(response.statusCode()).isIn(400, 401);
		assertThat(response.body()).containsAnyOf("\"invalid_request\"", "\"invalid_client\"");
	}

	/**
	 * RFC 6749 §2.3.1: Basic credentials name the client; without a client id they are a
	 * failed client authentication, not a 500 (found by TokenEndpointFuzzTests).
	 */
	@Test
	void basicCredentialsWithAnEmptyClientIdAreInvalidClient() throws Exception {
		for (String credentials : new String[] { ":secret", "%20:secret", " :" }) {
			HttpResponse<String> response = post("/oauth2/token", "grant_type=client_credentials",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()));

			assertThat(response.statusCode()).as(credentials).isEqualTo(401);
			assertThat(response.body()).contains("\"invalid_client\"").doesNotContain("Exception");
		}
	}

	/**
	 * RFC 6749 §3.1: no parameter may appear twice; a repeated code_challenge (found by
	 * the CI fuzzing run) or request_uri is a 400 page, not a 500.
	 */
	@Test
	void authorizationRequestWithARepeatedParameterIsA400() {
		for (String repeated : new String[] { "code_challenge=a&code_challenge=b", "request_uri=a&request_uri=b",
				"code_challenge_method=S256&code_challenge_method=plain" }) {
			assertThat(this.mvc.get()
				.uri("/oauth2/authorize?response_type=code&client_id=mailgate-api-docs&" + repeated)
				.exchange()).as(repeated).hasStatus(400);
		}
	}

	@Test
	void tokenRequestWithoutAnyClientIsInvalidClient() throws Exception {
		HttpResponse<String> response = post("/oauth2/token", "grant_type=client_credentials", null);

		// RFC 6749 §5.2: invalid_client with 401
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"invalid_client\"");
		assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"Mailgate\"");
	}

	@Test
	void introspectionWithoutTokenParameterIsInvalidRequest() throws Exception {
		var app = confidentialApp("contacts.read");
		HttpResponse<String> response = post("/oauth2/introspect", "", "Basic "
				+ Base64.getEncoder().encodeToString((app.app().clientId() + ":" + app.clientSecret()).getBytes()));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"invalid_request\"");
	}

	private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ISSUER + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpClient client() {
		// HTTP/1.1: over HTTP/2 an oversized body ends in a stream reset, which says less
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.sslContext(HttpsClient.trusting(this.dataDirectory))
			.build();
	}

}
