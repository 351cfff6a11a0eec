package dev.mailgate.contacts;

/**
 * Other requests kept changing the same contacts while this one wrote; nothing was
 * written, and trying again will do.
 */
public class ConcurrentWrite extends RuntimeException {

	public ConcurrentWrite() {
		super("Other requests changed the same contacts at the same time; nothing was written, try again");
	}

}
