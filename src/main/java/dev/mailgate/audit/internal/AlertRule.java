package dev.mailgate.audit.internal;

import java.util.Arrays;
import java.util.Optional;

/**
 * The patterns Mailgate watches for, each with how serious it is and what the app's
 * owners should do about it (docs/security-monitoring.md).
 */
enum AlertRule {

	FAILED_CLIENT_AUTH_BURST("failed-client-auth-burst", "high", "Burst of failed client authentications",
			"Someone may be guessing the app's client secret, or one of its servers uses a wrong or old one. "
					+ "If the addresses are not your app's servers, rotate the secret (Apps > the app > Rotate secret) "
					+ "and keep it out of source code and logs."),

	REFRESH_TOKEN_REUSE("refresh-token-reuse", "high", "Refresh token reused",
			"A refresh token was presented after it had been exchanged: someone else may hold a copy of it. "
					+ "Mailgate revoked every token of that grant, and the person has to approve the app again. "
					+ "Check where the app stores refresh tokens, and whether two of its processes refresh the same one."),

	TOKEN_SURGE("token-surge", "medium", "Token issuance far above the app's usual rate",
			"If you did not expect it (a new deployment, a batch job), the app's credentials may be in use elsewhere, "
					+ "or it asks for a new token per request instead of reusing one until it expires. "
					+ "Rotate the secret if in doubt."),

	RETIRED_SECRET_USED("retired-secret-used", "medium", "Retired client secret used",
			"A client secret that no longer works (revoked, expired or rotated out) was presented. "
					+ "A server of the app still has it: update it to the current secret. "
					+ "If the address is not one of yours, treat the secret as leaked.");

	private final String id;

	private final String severity;

	private final String title;

	private final String advice;

	AlertRule(String id, String severity, String title, String advice) {
		this.id = id;
		this.severity = severity;
		this.title = title;
		this.advice = advice;
	}

	static Optional<AlertRule> byId(String id) {
		return Arrays.stream(values()).filter((rule) -> rule.id.equals(id)).findFirst();
	}

	/**
	 * The rule's name in configuration, storage, events and metrics.
	 */
	String id() {
		return this.id;
	}

	String severity() {
		return this.severity;
	}

	String title() {
		return this.title;
	}

	/**
	 * What the app's owners should do.
	 */
	String advice() {
		return this.advice;
	}

}
