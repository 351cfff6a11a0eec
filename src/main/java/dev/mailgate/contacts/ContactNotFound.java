package dev.mailgate.contacts;

/**
 * No such contact, list or field in the caller's workspace (another workspace's ids look
 * the same as ids that never existed).
 */
public class ContactNotFound extends RuntimeException {

	public ContactNotFound(String what) {
		super(what + " does not exist in this workspace");
	}

}
