package dev.mailgate.audit.internal;

/**
 * What Mailgate does on its own when a rule raises a new alert, by configuration per rule
 * ({@code mailgate.alerts.<rule>.action}).
 */
enum AlertAction {

	/** Only tell the owners (the default). */
	NONE,

	/** Revoke the app's active client secrets: it works again once its owners rotate. */
	REVOKE_SECRETS,

	/** Suspend the app, which revokes every token it holds, until an admin resumes it. */
	SUSPEND_APP

}
