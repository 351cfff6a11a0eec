package dev.mailgate.cli.internal;

/**
 * The server refused a request; the message is what it said.
 */
class ApiFailed extends RuntimeException {

	ApiFailed(String message) {
		super(message);
	}

}
