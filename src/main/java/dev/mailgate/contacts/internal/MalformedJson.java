package dev.mailgate.contacts.internal;

import tools.jackson.core.JacksonException;

/**
 * A body an endpoint read itself was not JSON (or stopped at the size limit).
 */
class MalformedJson extends RuntimeException {

	MalformedJson(JacksonException cause) {
		super("The body is not valid JSON", cause);
	}

}
