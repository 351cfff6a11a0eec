package dev.mailgate.integrations.internal;

import dev.mailgate.integrations.ConnectionId;

/**
 * A connection whose tokens cannot be used: the provider refused its refresh token, or it
 * was disconnected.
 */
class ConnectionUnusable extends RuntimeException {

	private final ConnectionId connection;

	ConnectionUnusable(ConnectionId connection, String message) {
		super(message);
		this.connection = connection;
	}

	ConnectionId connection() {
		return this.connection;
	}

}
