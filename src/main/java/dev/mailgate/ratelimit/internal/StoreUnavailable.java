package dev.mailgate.ratelimit.internal;

import org.jspecify.annotations.Nullable;

/**
 * The bucket store (Redis) could not be reached or did not answer in time.
 */
class StoreUnavailable extends RuntimeException {

	StoreUnavailable(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
