package dev.mailgate.platform.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.support.HttpsClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests so malformed that the HTTP server refuses them before Mailgate reads them
 * still get an RFC 9457 problem, as every other refusal does, and never an HTML page.
 */
class ServerRefusalsIntegrationTests extends IntegrationTestSupport {

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	@Test
	void aControlCharacterInAHeaderIsABadRequestProblem() throws IOException {
		String response = exchange(
				"GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nX-Note: a\u0001b\r\n" + "Connection: close\r\n\r\n");

		// RFC 9110 §5.5: a field value holds no control character but tab
		assertBadRequestProblem(response);
	}

	@Test
	void aC1ControlCharacterInAHeaderIsABadRequestProblem() throws IOException {
		// byte 0x85 is obs-text to the HTTP server, which lets it through; read by a
		// filter, it is U+0085, a control character, which Spring Security's firewall
		// (HeaderFirewall's rules) refuses
		String response = exchange("GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer a\u0085b\r\n"
				+ "Connection: close\r\n\r\n");

		assertBadRequestProblem(response);
	}

	@Test
	void aCharacterThatMustBeEncodedInTheRequestTargetIsABadRequestProblem() throws IOException {
		String response = exchange(
				"GET /oauth2/token?scope=<contacts> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		// RFC 3986 §2: '<' and '>' are not allowed unencoded in a URI
		assertBadRequestProblem(response);
	}

	@Test
	void aHeaderSectionLargerThanTheServerAcceptsIsAProblem() throws IOException {
		String response = exchange("GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(70_000)
				+ "\r\nConnection: close\r\n\r\n");

		// Tomcat's limit, server.max-http-request-header-size (8 KB)
		assertBadRequestProblem(response);
	}

	private static void assertBadRequestProblem(String response) {
		assertThat(statusLine(response)).startsWith("HTTP/1.1 400");
		assertProblem(response);
		assertThat(body(response)).contains("\"status\":400");
	}

	private static void assertProblem(String response) {
		assertThat(headers(response).toLowerCase()).contains("content-type: application/problem+json");
		assertThat(body(response)).startsWith("{").contains("\"title\":").doesNotContain("<", "Tomcat", "Exception");
	}

	private String exchange(String request) throws IOException {
		try (Socket socket = HttpsClient.trusting(this.dataDirectory)
			.getSocketFactory()
			.createSocket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream read = new ByteArrayOutputStream();
			in.transferTo(read);
			return read.toString(StandardCharsets.UTF_8);
		}
	}

	private static String statusLine(String response) {
		return response.substring(0, response.indexOf("\r\n"));
	}

	private static String headers(String response) {
		return response.substring(0, response.indexOf("\r\n\r\n"));
	}

	private static String body(String response) {
		String body = response.substring(response.indexOf("\r\n\r\n") + 4);
		if (!headers(response).toLowerCase().contains("transfer-encoding: chunked")) {
			return body;
		}
		StringBuilder content = new StringBuilder();
		int at = 0;
		int size;
		while ((size = Integer.parseInt(body.substring(at, body.indexOf("\r\n", at)), 16)) > 0) {
			int start = body.indexOf("\r\n", at) + 2;
			content.append(body, start, start + size);
			at = start + size + 2;
		}
		return content.toString();
	}

}
