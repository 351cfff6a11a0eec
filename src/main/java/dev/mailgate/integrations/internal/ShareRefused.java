package dev.mailgate.integrations.internal;

/**
 * A share that did not happen, with a message for the person who tried (never a token).
 */
class ShareRefused extends RuntimeException {

	ShareRefused(String message) {
		super(message);
	}

}
