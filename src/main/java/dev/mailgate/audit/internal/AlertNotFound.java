package dev.mailgate.audit.internal;

/**
 * No alert with this id that the viewer may see: another workspace's alert looks exactly
 * like one that never existed.
 */
class AlertNotFound extends RuntimeException {

	AlertNotFound(String id) {
		super("No alert " + id);
	}

}
