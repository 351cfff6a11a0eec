package dev.mailgate.integrations.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.RestClientResponseException;

/**
 * What a failed call to a provider's token endpoint means for the caller: anything but
 * {@code invalid_grant} (the provider is down, slow, rate limiting, or refuses Mailgate's
 * client credentials until an operator fixes them) is worth trying again later.
 */
final class TokenEndpointFailures {

	private TokenEndpointFailures() {
	}

	static ProviderUnavailable unavailable(Provider provider, OAuth2AuthorizationException ex) {
		if (ex.getCause() instanceof RestClientResponseException response) {
			return new ProviderUnavailable(
					"%s's token endpoint answered %s".formatted(provider.name(), response.getStatusCode().value()),
					retryAfter(response.getResponseHeaders()));
		}
		if (ex.getCause() != null) {
			return new ProviderUnavailable("%s's token endpoint did not answer".formatted(provider.name()), null);
		}
		return new ProviderUnavailable(
				"%s's token endpoint refused the refresh: %s".formatted(provider.name(), ex.getError().getErrorCode()),
				null);
	}

	private static @Nullable Duration retryAfter(@Nullable HttpHeaders headers) {
		String value = (headers != null) ? headers.getFirst(HttpHeaders.RETRY_AFTER) : null;
		if (value == null || !value.strip().matches("\\d{1,6}")) {
			return null;
		}
		return Duration.ofSeconds(Long.parseLong(value.strip()));
	}

}
