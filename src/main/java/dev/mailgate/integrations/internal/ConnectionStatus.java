package dev.mailgate.integrations.internal;

import java.util.Locale;

/**
 * Whether a connection's tokens still work.
 */
enum ConnectionStatus {

	ACTIVE,

	/**
	 * The provider refused the refresh token (invalid_grant): a person must connect
	 * again.
	 */
	RECONNECT_NEEDED;

	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static ConnectionStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
