package dev.mailgate.webhooks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * POSTs one signed attempt with Java's HttpClient: Standard Webhooks headers, connect and
 * request timeouts, no redirects, and at most 1 KB of the response kept.
 */
@Component
class WebhookSender {

	static final int EXCERPT = 1024;

	static final String USER_AGENT = "Mailgate-Webhooks/1";

	private final SingletonSupplier<HttpClient> http;

	private final WebhooksProperties properties;

	WebhookSender(WebhooksProperties properties) {
		this.properties = properties;
		// built on first send: the JDK's HTTP client loads the default trust store (about
		// 0.1 s), which a node without webhooks should not spend on its start
		this.http = SingletonSupplier.of(() -> HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build());
	}

	/**
	 * What came back: a status and the start of the body, or why nothing did.
	 */
	record Response(@Nullable Integer status, @Nullable String excerpt, @Nullable String error) {

		boolean succeeded() {
			return this.status != null && this.status >= 200 && this.status < 300;
		}

	}

	Response send(URI url, String webhookId, long timestamp, List<WebhookSecret> secrets, String body) {
		String signatures = secrets.stream()
			.map((secret) -> secret.sign(webhookId, timestamp, body))
			.collect(Collectors.joining(" "));
		HttpRequest request = HttpRequest.newBuilder(url)
			.timeout(this.properties.requestTimeout())
			.header("content-type", "application/json")
			.header("user-agent", USER_AGENT)
			.header("webhook-id", webhookId)
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature", signatures)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		try {
			HttpResponse<InputStream> response = this.http.obtain()
				.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream in = response.body()) {
				byte[] start = in.readNBytes(EXCERPT);
				return new Response(response.statusCode(), excerpt(start), null);
			}
		}
		catch (HttpTimeoutException ex) {
			return new Response(null, null, "timed out");
		}
		catch (IOException ex) {
			return new Response(null, null, "no response: " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Response(null, null, "interrupted");
		}
	}

	private static @Nullable String excerpt(byte[] start) {
		if (start.length == 0) {
			return null;
		}
		String text = new String(start, StandardCharsets.UTF_8);
		// the cut may split a character: drop what did not decode, and stay within 1 KB
		while (text.getBytes(StandardCharsets.UTF_8).length > EXCERPT) {
			text = text.substring(0, text.length() - 1);
		}
		return text.replace("\uFFFD", "");
	}

}
