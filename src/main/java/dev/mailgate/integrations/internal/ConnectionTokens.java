package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.integrations.IntegrationEvents;
import dev.mailgate.platform.SecretBox;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Access tokens to call a provider's API with, for the jobs (contact sync, sharing,
 * analytics). Callers ask for a token for every call (or batch of calls) and do not keep
 * it. A token about to expire is refreshed first, one refresh at a time across threads
 * and nodes: under the connection's row lock, and only if no one else just did it.
 */
@Component
class ConnectionTokens {

	/**
	 * How long to keep waiting for another refresh's row lock (H2 gives up after 1 s).
	 */
	private static final Duration LOCK_PATIENCE = Duration.ofSeconds(45);

	private final JdbcConnections connections;

	private final ProviderRegistrations registrations;

	private final TokenEndpoint tokenEndpoint;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final IntegrationsProperties properties;

	private final Clock clock;

	ConnectionTokens(JdbcConnections connections, ProviderRegistrations registrations, TokenEndpoint tokenEndpoint,
			TransactionTemplate transactions, ApplicationEventPublisher events, IntegrationsProperties properties,
			Clock clock) {
		this.connections = connections;
		this.registrations = registrations;
		this.tokenEndpoint = tokenEndpoint;
		this.transactions = transactions;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A current access token of the connection, refreshed first when it expires within
	 * {@code mailgate.integrations.refresh-ahead}.
	 * @throws ConnectionUnusable when the connection is gone or needs reconnecting
	 * @throws ProviderUnavailable when a due refresh failed for now (try again later)
	 */
	String accessToken(ConnectionId id) {
		Connection connection = usable(this.connections.find(id).orElse(null), id);
		if (!due(connection)) {
			TokenSet tokens = readable(connection);
			if (tokens == null) {
				// in a transaction, so that the email to the person goes out after it
				Refresh.Refused refused = this.transactions.execute((status) -> unreadable(connection));
				throw new ConnectionUnusable(id, (refused != null) ? refused.reason() : "unreadable tokens");
			}
			return tokens.accessToken();
		}
		return refreshed(id, null);
	}

	/**
	 * A token to try again with after the provider answered 401 to {@code rejected}: a
	 * newer one if someone refreshed meanwhile, else a refreshed one.
	 * @throws ConnectionUnusable when there is none
	 * @throws ProviderUnavailable when the refresh failed for now
	 */
	String afterRejection(ConnectionId id, String rejected) {
		return refreshed(id, rejected);
	}

	private String refreshed(ConnectionId id, @Nullable String rejected) {
		Instant giveUp = this.clock.instant().plus(LOCK_PATIENCE);
		while (true) {
			try {
				Refresh outcome = this.transactions.execute((status) -> refreshLocked(id, rejected));
				if (outcome instanceof Refresh.Refused refused) {
					throw new ConnectionUnusable(id, refused.reason());
				}
				return ((Refresh.Fresh) outcome).accessToken();
			}
			catch (PessimisticLockingFailureException ex) {
				if (this.clock.instant().isAfter(giveUp)) {
					throw new ProviderUnavailable("Another refresh of connection %s takes too long".formatted(id),
							null);
				}
			}
		}
	}

	/**
	 * Inside the transaction holding the row lock: another thread or node may have just
	 * refreshed, so the decision is made again on what is stored now.
	 */
	private Refresh refreshLocked(ConnectionId id, @Nullable String rejected) {
		Connection connection = usable(this.connections.lock(id).orElse(null), id);
		TokenSet tokens = readable(connection);
		if (tokens == null) {
			return unreadable(connection);
		}
		boolean needed = (rejected != null) ? tokens.accessToken().equals(rejected) : due(connection);
		if (!needed) {
			return new Refresh.Fresh(tokens.accessToken());
		}
		if (tokens.refreshToken() == null) {
			return (rejected != null)
					? reconnectNeeded(connection,
							"The provider refused the access token and " + "gave no refresh token")
					: new Refresh.Fresh(tokens.accessToken());
		}
		try {
			TokenSet next = next(tokens, this.tokenEndpoint.refreshes().getTokenResponse(request(connection, tokens)));
			this.connections.replaceTokens(id, next);
			return new Refresh.Fresh(next.accessToken());
		}
		catch (OAuth2AuthorizationException ex) {
			if (OAuth2ErrorCodes.INVALID_GRANT.equals(ex.getError().getErrorCode())) {
				return reconnectNeeded(connection, describe(ex));
			}
			throw TokenEndpointFailures.unavailable(connection.provider(), ex);
		}
	}

	private OAuth2RefreshTokenGrantRequest request(Connection connection, TokenSet tokens) {
		OAuth2AuthorizedClient client = ConnectionsAuthorizedClients.authorizedClient(
				this.registrations.registration(connection.provider()), connection.id().toString(), tokens);
		return new OAuth2RefreshTokenGrantRequest(client.getClientRegistration(), client.getAccessToken(),
				client.getRefreshToken());
	}

	/**
	 * A provider that sent no new refresh token (or no scope) keeps the old one.
	 */
	private static TokenSet next(TokenSet old, OAuth2AccessTokenResponse response) {
		var refresh = response.getRefreshToken();
		var scopes = response.getAccessToken().getScopes();
		return new TokenSet(response.getAccessToken().getTokenValue(), response.getAccessToken().getExpiresAt(),
				(refresh != null) ? refresh.getTokenValue() : old.refreshToken(),
				scopes.isEmpty() ? old.scopes() : scopes);
	}

	private Refresh reconnectNeeded(Connection connection, String reason) {
		return reconnectNeeded(connection, reason, "%s refused connection %s's refresh token: it needs reconnecting"
			.formatted(connection.provider().name(), connection.id()));
	}

	private Refresh reconnectNeeded(Connection connection, String reason, String message) {
		String detail = (reason.length() <= 500) ? reason : reason.substring(0, 500);
		this.connections.markReconnectNeeded(connection.id(), detail);
		this.events.publishEvent(new IntegrationEvents.ReconnectNeeded(connection.id(), connection.workspace(),
				connection.provider().name(), connection.connectedBy(), detail, this.clock.instant()));
		return new Refresh.Refused(message);
	}

	/**
	 * The connection's tokens, or {@code null} when Mailgate cannot read them any more
	 * (the encryption key changed without keeping the old one).
	 */
	private @Nullable TokenSet readable(Connection connection) {
		try {
			return this.connections.tokens(connection.id()).orElseThrow(() -> disconnected(connection.id()));
		}
		catch (SecretBox.NotDecryptable ex) {
			return null;
		}
	}

	private Refresh.Refused unreadable(Connection connection) {
		return (Refresh.Refused) reconnectNeeded(connection,
				"Mailgate cannot read this connection's tokens (its encryption key changed)",
				"Mailgate cannot read connection %s's tokens (the encryption key changed): it needs reconnecting"
					.formatted(connection.id()));
	}

	private boolean due(Connection connection) {
		Instant expiresAt = connection.accessTokenExpiresAt();
		return expiresAt != null && !this.clock.instant().plus(this.properties.refreshAhead()).isBefore(expiresAt);
	}

	private static Connection usable(@Nullable Connection connection, ConnectionId id) {
		if (connection == null) {
			throw disconnected(id);
		}
		if (!connection.active()) {
			throw new ConnectionUnusable(id, "Connection %s needs reconnecting".formatted(id));
		}
		return connection;
	}

	private static ConnectionUnusable disconnected(ConnectionId id) {
		return new ConnectionUnusable(id, "Connection %s is disconnected".formatted(id));
	}

	private static String describe(OAuth2AuthorizationException ex) {
		String description = ex.getError().getDescription();
		return ex.getError().getErrorCode() + ((description != null) ? ": " + description : "");
	}

	/**
	 * What a refresh under the lock came to.
	 */
	private sealed interface Refresh {

		record Fresh(String accessToken) implements Refresh {
		}

		record Refused(String reason) implements Refresh {
		}

	}

}
