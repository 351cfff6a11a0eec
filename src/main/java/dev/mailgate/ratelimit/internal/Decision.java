package dev.mailgate.ratelimit.internal;

/**
 * What a budget says about one request.
 */
sealed interface Decision {

	/**
	 * Let through without a word: nothing was counted, or the store could not be reached
	 * and the limits fail open.
	 */
	Decision PASSED = new Passed();

	/**
	 * Counted, and let through.
	 *
	 * @param remaining requests left in the window
	 * @param resetSeconds seconds until the window ends and the whole quota is back
	 */
	record Allowed(Budget budget, long remaining, long resetSeconds) implements Decision {
	}

	/**
	 * The budget is spent: 429.
	 *
	 * @param retryAfterSeconds seconds until a request is allowed again
	 */
	record Refused(Budget budget, long retryAfterSeconds) implements Decision {
	}

	/**
	 * The store could not be reached and the limits fail closed: 503.
	 */
	record StoreDown(long retryAfterSeconds) implements Decision {
	}

	record Passed() implements Decision {
	}

}
