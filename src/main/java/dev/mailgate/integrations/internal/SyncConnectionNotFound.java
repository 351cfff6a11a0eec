package dev.mailgate.integrations.internal;

/**
 * No connection with that id in the caller's workspace (another workspace's looks the
 * same as one that never existed).
 */
class SyncConnectionNotFound extends RuntimeException {

	SyncConnectionNotFound(String id) {
		super("No connection " + id);
	}

}
