package dev.mailgate.audit.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How the audit log page groups kinds of events, and what the {@code kind} filter accepts
 * besides a single kind.
 */
public enum AuditCategory {

	APPS("apps", "Apps"), SECRETS("secrets", "Client secrets"), ACCESS("access", "Access and tokens"),
	SIGN_INS("signins", "Sign-ins"), LIMITS("limits", "Rate limits"), ALERTS("alerts", "Alerts"),
	INTEGRATIONS("integrations", "Integrations");

	private final String value;

	private final String label;

	AuditCategory(String value, String label) {
		this.value = value;
		this.label = label;
	}

	public String value() {
		return this.value;
	}

	public String label() {
		return this.label;
	}

	public List<AuditKind> members() {
		return Arrays.stream(AuditKind.values()).filter((kind) -> kind.category() == this).toList();
	}

	List<String> kinds() {
		return members().stream().map(AuditKind::value).toList();
	}

	static Optional<AuditCategory> of(String value) {
		return Arrays.stream(values()).filter((category) -> category.value.equals(value)).findFirst();
	}

}
