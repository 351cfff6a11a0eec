package dev.mailgate.integrations.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * LinkedIn's Posts API
 * (learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api): an
 * article post on the member's feed, linking a campaign's archive page.
 */
@Component
class LinkedInPosts {

	/**
	 * The API version Mailgate was written against (LinkedIn versions its API monthly).
	 */
	static final String VERSION = "202511";

	static final String RESTLI_PROTOCOL = "2.0.0";

	private final ProviderHttp http;

	LinkedInPosts(ProviderHttp http) {
		this.http = http;
	}

	/**
	 * What LinkedIn made of a post.
	 */
	sealed interface Outcome permits Posted, Identified, TokenRejected, Refused, Busy {

	}

	/** 201: the post's URN ({@code x-restli-id}) and its link. */
	record Posted(String urn, String url) implements Outcome {
	}

	/** The userinfo endpoint named the member. */
	record Identified(String subject) implements Outcome {
	}

	/** 401: the access token was refused. */
	record TokenRejected() implements Outcome {
	}

	/** 400, 403, 422 and the like: LinkedIn's message, for the person. */
	record Refused(String message) implements Outcome {
	}

	/** 429, 5xx or no answer: worth trying again later. */
	record Busy(String detail) implements Outcome {
	}

	/**
	 * An article post: the person's text, and a card linking the archive page.
	 */
	record Article(String commentary, String url, String title, String description) {

		/**
		 * The post as the API takes it: public, on the main feed, reshares allowed.
		 */
		Map<String, Object> by(String authorSubject) {
			return Map.of("author", "urn:li:person:" + authorSubject, "commentary",
					LinkedInText.escape(this.commentary), "visibility", "PUBLIC", "distribution",
					Map.of("feedDistribution", "MAIN_FEED", "targetEntities", List.of(),
							"thirdPartyDistributionChannels", List.of()),
					"content",
					Map.of("article", Map.of("source", this.url, "title", this.title, "description", this.description)),
					"lifecycleState", "PUBLISHED", "isReshareDisabledByAuthor", false);
		}

	}

	Outcome post(String apiBaseUrl, String accessToken, Map<String, Object> post) {
		try {
			return this.http.client().post().uri(apiBaseUrl + "/rest/posts").headers((headers) -> {
				headers.setBearerAuth(accessToken);
				headers.set("LinkedIn-Version", VERSION);
				headers.set("X-Restli-Protocol-Version", RESTLI_PROTOCOL);
			})
				.contentType(MediaType.APPLICATION_JSON)
				.body(post)
				.exchange((request, response) -> outcome(response.getStatusCode(),
						response.getHeaders().getFirst("x-restli-id"), () -> message(response)));
		}
		catch (RestClientException ex) {
			return new Busy("no answer (" + ex.getClass().getSimpleName() + ")");
		}
	}

	/**
	 * The member's id from the OpenID userinfo endpoint ({@code sub}), for a connection
	 * that did not store it.
	 */
	Outcome subject(String apiBaseUrl, String accessToken) {
		try {
			return this.http.client()
				.get()
				.uri(apiBaseUrl + "/v2/userinfo")
				.headers((headers) -> headers.setBearerAuth(accessToken))
				.exchange((request, response) -> {
					if (response.getStatusCode().is2xxSuccessful()) {
						Map<?, ?> body = response.bodyTo(Map.class);
						Object sub = (body != null) ? body.get("sub") : null;
						return (sub != null) ? new Identified(sub.toString())
								: new Refused("it did not name the account");
					}
					return outcome(response.getStatusCode(), null, () -> message(response));
				});
		}
		catch (RestClientException ex) {
			return new Busy("no answer");
		}
	}

	private static Outcome outcome(HttpStatusCode status, @Nullable String urn, Message message) throws IOException {
		if (status.is2xxSuccessful() && urn != null) {
			return new Posted(urn, "https://www.linkedin.com/feed/update/" + urn);
		}
		if (status.value() == 401) {
			return new TokenRejected();
		}
		if (status.value() == 429 || status.is5xxServerError()) {
			return new Busy("LinkedIn answered " + status.value());
		}
		return new Refused(message.read());
	}

	private static String message(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response)
			throws IOException {
		try {
			Map<?, ?> body = response.bodyTo(Map.class);
			Object message = (body != null) ? body.get("message") : null;
			if (message != null && !message.toString().isBlank()) {
				String text = message.toString().strip();
				return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
			}
		}
		catch (RuntimeException ex) {
			// not JSON: the status says enough
		}
		return "LinkedIn answered " + response.getStatusCode().value();
	}

	@FunctionalInterface
	private interface Message {

		String read() throws IOException;

	}

}
