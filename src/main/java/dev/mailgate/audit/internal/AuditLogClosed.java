package dev.mailgate.audit.internal;

/**
 * The caller may not read this workspace's audit log.
 */
class AuditLogClosed extends RuntimeException {

	AuditLogClosed(String message) {
		super(message);
	}

}
