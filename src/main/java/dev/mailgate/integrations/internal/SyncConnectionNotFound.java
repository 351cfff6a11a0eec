package dev.mailgate.integrations.internal;

/**
 * No connection with that id in the caller's workspace (another workspace's looks the
 * same as one that never existed).
 */
class SyncConnectionNotFound extends RuntimeException {

	SyncConnectionNotFound(String id) {
		super("No connection " + id + " in your workspace");
	}

	private SyncConnectionNotFound(String message, boolean run) {
		super(message);
	}

	/**
	 * No sync run with that id in the caller's workspace.
	 */
	static final class Run extends SyncConnectionNotFound {

		Run(String id) {
			super("No sync run " + id + " in your workspace", true);
		}

	}

}
