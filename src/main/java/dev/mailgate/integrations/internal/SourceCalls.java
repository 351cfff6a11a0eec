package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import dev.mailgate.integrations.ConnectionId;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Calls a provider's API with the connection's current access token: once more with a
 * fresh token after a 401, and with every other failure sorted into what waiting fixes
 * ({@link ProviderUnavailable}: no answer, 5xx, 429 with its {@code Retry-After}) and
 * what it does not ({@link SourceRefused}).
 */
@Component
class SourceCalls {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConnectionTokens tokens;

	private final ProviderHttp http;

	private final Clock clock;

	SourceCalls(ConnectionTokens tokens, ProviderHttp http, Clock clock) {
		this.tokens = tokens;
		this.http = http;
		this.clock = clock;
	}

	/**
	 * @param request the call, given the client and a bearer token, answering the body
	 */
	JsonNode json(ConnectionId connection, Request request) {
		String token = this.tokens.accessToken(connection);
		String body;
		try {
			body = send(request, token);
		}
		catch (Rejected ex) {
			try {
				body = send(request, this.tokens.afterRejection(connection, token));
			}
			catch (Rejected again) {
				throw new ConnectionUnusable(connection, "The provider refused the connection's access token");
			}
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new SourceRefused("The provider answered something that is not JSON");
		}
	}

	private String send(Request request, String token) {
		try {
			String body = request.send(this.http.client(), "Bearer " + token);
			return (body != null) ? body : "{}";
		}
		catch (RestClientResponseException ex) {
			int status = ex.getStatusCode().value();
			if (status == 401) {
				throw new Rejected();
			}
			if (status == 429 || status >= 500) {
				throw new ProviderUnavailable("The provider answered HTTP " + status,
						retryAfter(ex.getResponseHeaders()));
			}
			throw new SourceRefused("The provider refused the request (HTTP %d)".formatted(status));
		}
		catch (ResourceAccessException ex) {
			throw new ProviderUnavailable("The provider did not answer", null);
		}
	}

	/**
	 * The provider's API base URL, without a trailing slash.
	 * @throws SourceRefused when the operator set none
	 */
	static String apiBase(Connection connection) {
		String base = connection.provider().apiBaseUrl();
		if (base == null) {
			throw new SourceRefused("The provider has no API base URL; an operator must set one");
		}
		return base.replaceAll("/+$", "");
	}

	/**
	 * RFC 9110 §10.2.3: seconds, or an HTTP date.
	 */
	@Nullable Duration retryAfter(@Nullable HttpHeaders headers) {
		String value = (headers != null) ? headers.getFirst(HttpHeaders.RETRY_AFTER) : null;
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
		}
		catch (NumberFormatException ex) {
			return date(value.strip());
		}
	}

	private @Nullable Duration date(String value) {
		try {
			Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(this.clock.instant(), at);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * One request to the provider; {@code Function} would hide the token's role.
	 */
	@FunctionalInterface
	interface Request {

		@Nullable String send(RestClient client, String authorization);

	}

	private static final class Rejected extends RuntimeException {

		Rejected() {
			super("401", null, false, false);
		}

	}

}
