package dev.mailgate.contacts;

/**
 * A contact with that email, a list with that name or a field with that key exists
 * already.
 */
public class AlreadyExists extends RuntimeException {

	public AlreadyExists(String detail) {
		super(detail);
	}

}
