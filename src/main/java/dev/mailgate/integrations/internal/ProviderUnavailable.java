package dev.mailgate.integrations.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A provider that did not answer, answered 5xx or 429: worth trying again later, as
 * opposed to {@link ConnectionUnusable}.
 */
class ProviderUnavailable extends RuntimeException {

	private final @Nullable Duration retryAfter;

	/**
	 * @param retryAfter what the provider's {@code Retry-After} asked for, if it did
	 */
	ProviderUnavailable(String message, @Nullable Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	@Nullable Duration retryAfter() {
		return this.retryAfter;
	}

}
