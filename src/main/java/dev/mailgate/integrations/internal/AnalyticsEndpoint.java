package dev.mailgate.integrations.internal;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import dev.mailgate.integrations.ConnectionId;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Posts a batch of engagement events to a provider's events URL with the connection's
 * bearer token and the batch's {@code Idempotency-Key}. A refused token is asked for
 * again once (another node may have refreshed it meanwhile).
 */
@Component
class AnalyticsEndpoint {

	/** However long a provider asks to wait, Mailgate tries again within this. */
	static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

	private final ProviderHttp http;

	private final ConnectionTokens tokens;

	AnalyticsEndpoint(ProviderHttp http, ConnectionTokens tokens) {
		this.http = http;
		this.tokens = tokens;
	}

	/**
	 * What the endpoint made of a batch.
	 */
	sealed interface Answer permits Accepted, TokenRejected, Failed {

	}

	record Accepted() implements Answer {
	}

	record TokenRejected() implements Answer {
	}

	/**
	 * @param retryAfter what its {@code Retry-After} asked for, if anything
	 */
	record Failed(String detail, @Nullable Duration retryAfter) implements Answer {
	}

	/**
	 * @throws ConnectionUnusable when the connection needs reconnecting, or the endpoint
	 * refused its current token
	 * @throws ProviderUnavailable when the provider did not renew the token
	 */
	Answer push(ConnectionId connection, String eventsUrl, AnalyticsBatch batch) {
		String token = this.tokens.accessToken(connection);
		Answer answer = push(eventsUrl, token, batch);
		if (answer instanceof TokenRejected) {
			answer = push(eventsUrl, this.tokens.afterRejection(connection, token), batch);
		}
		if (answer instanceof TokenRejected) {
			throw new ConnectionUnusable(connection,
					"The events endpoint refused connection %s's access token".formatted(connection));
		}
		return answer;
	}

	private Answer push(String eventsUrl, String accessToken, AnalyticsBatch batch) {
		try {
			return this.http.client().post().uri(eventsUrl).headers((headers) -> {
				headers.setBearerAuth(accessToken);
				headers.set("Idempotency-Key", batch.id());
			})
				.contentType(MediaType.APPLICATION_JSON)
				.body(batch.body())
				.exchange((request, response) -> answer(response.getStatusCode(),
						response.getHeaders().getFirst("Retry-After")));
		}
		catch (RestClientException ex) {
			return new Failed("The endpoint did not answer", null);
		}
	}

	private static Answer answer(HttpStatusCode status, @Nullable String retryAfter) {
		if (status.is2xxSuccessful()) {
			return new Accepted();
		}
		if (status.value() == 401) {
			return new TokenRejected();
		}
		if (status.value() == 429) {
			return new Failed("The endpoint asked Mailgate to slow down (429)", retryAfter(retryAfter));
		}
		return new Failed("The endpoint answered " + status.value(),
				status.is5xxServerError() ? retryAfter(retryAfter) : null);
	}

	/**
	 * RFC 9110 §10.2.3: a number of seconds or an HTTP date.
	 */
	static @Nullable Duration retryAfter(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			Duration wait = value.strip().chars().allMatch(Character::isDigit)
					? Duration.ofSeconds(Long.parseLong(value.strip())) : Duration.between(ZonedDateTime.now(),
							ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
			return wait.isNegative() ? Duration.ZERO : (wait.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : wait;
		}
		catch (DateTimeParseException | ArithmeticException | NumberFormatException ex) {
			return null;
		}
	}

}
