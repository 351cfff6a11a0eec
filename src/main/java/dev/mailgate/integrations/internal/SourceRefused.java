package dev.mailgate.integrations.internal;

/**
 * The provider refused a request for a reason that waiting does not fix (a 4xx other than
 * 401 and 429, or an answer of the wrong shape).
 */
class SourceRefused extends RuntimeException {

	SourceRefused(String message) {
		super(message);
	}

}
