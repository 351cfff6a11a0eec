package dev.mailgate.audit.internal;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a recorded action ended: done, failed (a wrong password or secret), or refused by
 * Mailgate (a rate limit, a reused refresh token, a retired secret).
 */
public enum AuditOutcome {

	SUCCESS("success", "Success"), FAILURE("failure", "Failure"), REFUSED("refused", "Refused");

	private final String value;

	private final String label;

	AuditOutcome(String value, String label) {
		this.value = value;
		this.label = label;
	}

	public String value() {
		return this.value;
	}

	public String label() {
		return this.label;
	}

	static Optional<AuditOutcome> of(String value) {
		return Arrays.stream(values()).filter((outcome) -> outcome.value.equals(value)).findFirst();
	}

}
