package dev.mailgate.integrations.internal;

/**
 * A sync that the connection's state does not allow: it needs reconnecting, or its
 * provider has no contacts Mailgate can read.
 */
class SyncNotPossible extends RuntimeException {

	SyncNotPossible(String message) {
		super(message);
	}

}
