package dev.mailgate.platform.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.support.HttpsClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code Content-Type} or {@code Accept} value that Spring's media type parser fails on
 * with an unexpected exception ({@code ""/a:}, found by fuzzing the token endpoint) is
 * answered like a request without that header, never with a 500. Through the real port:
 * MockMvc cannot even build such a request.
 */
class UnreadableMediaTypesIntegrationTests extends IntegrationTestSupport {

	private static final String UNREADABLE = "\"\"/a:";

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	@Test
	void tokenRequestWithUnreadableContentTypeIsInvalidRequest() throws Exception {
		// RFC 6749 §4.4.2 and §5.2: the form is not application/x-www-form-urlencoded
		HttpResponse<String> answer = send(post("/oauth2/token", "grant_type=client_credentials")
			.header("Authorization", basic(BOOTSTRAP_CLIENT_ID, BOOTSTRAP_CLIENT_SECRET))
			.header("Content-Type", UNREADABLE));

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("\"error\":\"invalid_request\"");
	}

	@Test
	void registrationWithUnreadableContentTypeIsRefusedWithoutServerError() throws Exception {
		HttpResponse<String> answer = send(
				post("/oauth2/register", "{\"client_name\":\"x\"}").header("Content-Type", UNREADABLE));

		assertThat(answer.statusCode()).isBetween(400, 499);
		assertThat(answer.body()).doesNotContain("Exception");
	}

	@Test
	void pagesAndEndpointsWithUnreadableAcceptAnswerAsIfAnythingWasAccepted() throws Exception {
		// RFC 9110 §12.5.1: a request without Accept accepts any media type
		HttpResponse<String> login = send(get("/login").header("Accept", UNREADABLE));
		HttpResponse<String> token = send(post("/oauth2/token", "grant_type=client_credentials&scope=contacts.read")
			.header("Authorization", basic(BOOTSTRAP_CLIENT_ID, BOOTSTRAP_CLIENT_SECRET))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", UNREADABLE));

		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("name=\"password\"");
		assertThat(token.statusCode()).isEqualTo(200);
		assertThat(token.body()).contains("\"access_token\":\"mga_");
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + path)).GET();
	}

	private HttpRequest.Builder post(String path, String body) {
		return HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().sslContext(HttpsClient.trusting(this.dataDirectory)).build();
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String clientId, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes());
	}

}
