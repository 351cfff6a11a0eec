package dev.mailgate.integrations.internal;

import dev.mailgate.integrations.ConnectionId;

import org.springframework.stereotype.Component;

/**
 * Access tokens to call a provider's API with, for the jobs (contact sync, sharing,
 * analytics). Callers ask for a token for every call (or batch of calls) and do not keep
 * it.
 */
@Component
class ConnectionTokens {

	private final JdbcConnections connections;

	ConnectionTokens(JdbcConnections connections) {
		this.connections = connections;
	}

	/**
	 * A current access token of the connection.
	 * @throws ConnectionUnusable when the connection is gone or needs reconnecting
	 */
	String accessToken(ConnectionId id) {
		Connection connection = this.connections.find(id)
			.orElseThrow(() -> new ConnectionUnusable(id, "Connection %s is disconnected".formatted(id)));
		if (!connection.active()) {
			throw new ConnectionUnusable(id, "Connection %s needs reconnecting".formatted(id));
		}
		return this.connections.tokens(id).orElseThrow().accessToken();
	}

	/**
	 * A token to try again with after the provider answered 401 to {@code rejected}.
	 * @throws ConnectionUnusable when there is none
	 */
	String afterRejection(ConnectionId id, String rejected) {
		String current = accessToken(id);
		if (current.equals(rejected)) {
			throw new ConnectionUnusable(id, "The provider refused connection %s's access token".formatted(id));
		}
		return current;
	}

}
