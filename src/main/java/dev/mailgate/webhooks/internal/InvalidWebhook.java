package dev.mailgate.webhooks.internal;

/**
 * A subscription request that breaks a rule, naming the field.
 */
final class InvalidWebhook extends RuntimeException {

	private final String field;

	InvalidWebhook(String field, String detail) {
		super(detail);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
