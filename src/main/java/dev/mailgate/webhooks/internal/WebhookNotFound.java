package dev.mailgate.webhooks.internal;

/**
 * No such subscription (or delivery) for this app in this workspace.
 */
final class WebhookNotFound extends RuntimeException {

	WebhookNotFound(String message) {
		super(message);
	}

}
