package dev.mailgate.audit.internal;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which alerts a list shows: the open ones (the default), the acknowledged ones, or all.
 */
enum AlertStatus {

	OPEN, ACKNOWLEDGED, ALL;

	/**
	 * The status a query parameter names; anything else is the default.
	 */
	static AlertStatus of(String value) {
		return Arrays.stream(values()).filter((status) -> status.param().equals(value)).findFirst().orElse(OPEN);
	}

	String param() {
		return name().toLowerCase(Locale.ROOT);
	}

}
