package dev.mailgate.integrations.internal;

import java.time.Clock;

import dev.mailgate.accounts.UserId;
import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.integrations.IntegrationEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disconnecting an account: the provider is asked to revoke Mailgate's tokens (RFC 7009),
 * then the tokens are deleted here whatever it answered, so that Mailgate holds nothing
 * it should not.
 */
@Component
class Disconnection {

	private final JdbcConnections connections;

	private final Revocation revocation;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Disconnection(JdbcConnections connections, Revocation revocation, TransactionTemplate transactions,
			ApplicationEventPublisher events, Clock clock) {
		this.connections = connections;
		this.revocation = revocation;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Whether the person may disconnect it: whoever connected it, and the workspace's
	 * owners and admins.
	 */
	static boolean allowed(WorkspaceMember member, Connection connection) {
		return member.workspace().equals(connection.workspace())
				&& (member.administers() || member.person().id().equals(connection.connectedBy()));
	}

	/**
	 * @return whether the provider confirmed revoking the tokens
	 * @throws AccessDeniedException for anyone not {@link #allowed}
	 */
	boolean disconnect(WorkspaceMember member, Connection connection) {
		if (!allowed(member, connection)) {
			throw new AccessDeniedException("Only the person who connected it or an admin disconnects it");
		}
		boolean revoked = this.connections.tokens(connection.id())
			.map((tokens) -> this.revocation.revoke(connection.provider(), tokens))
			.orElse(false);
		remove(connection, member.person().id(), revoked);
		return revoked;
	}

	private void remove(Connection connection, UserId by, boolean revoked) {
		this.transactions.executeWithoutResult((status) -> {
			if (this.connections.delete(connection.id())) {
				this.events.publishEvent(new IntegrationEvents.AccountDisconnected(connection.id(),
						connection.workspace(), connection.provider().name(), by, revoked, this.clock.instant()));
			}
		});
	}

}
