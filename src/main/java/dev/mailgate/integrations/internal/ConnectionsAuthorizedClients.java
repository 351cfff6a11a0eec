package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.util.Map;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.integrations.IntegrationEvents;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Spring Security's authorized clients, kept in Mailgate's encrypted token vault
 * ({@link JdbcConnections}). An account is connected for a workspace, not a person: the
 * principal name (the signed-in person's email) stands for their workspace.
 */
@Component
class ConnectionsAuthorizedClients implements OAuth2AuthorizedClientService {

	private final JdbcConnections connections;

	private final JdbcProviders providers;

	private final ProviderRegistrations registrations;

	private final Accounts accounts;

	private final AccountIdentity identities;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ConnectionsAuthorizedClients(JdbcConnections connections, JdbcProviders providers,
			ProviderRegistrations registrations, Accounts accounts, AccountIdentity identities,
			TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
		this.connections = connections;
		this.providers = providers;
		this.registrations = registrations;
		this.accounts = accounts;
		this.identities = identities;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String registrationId,
			String principalName) {
		WorkspaceMember member = this.accounts.memberByEmail(principalName).orElse(null);
		Provider provider = this.providers.findByRegistrationId(registrationId).orElse(null);
		if (member == null || provider == null) {
			return null;
		}
		return (T) this.connections.find(member.workspace(), provider.id())
			.flatMap((connection) -> this.connections.tokens(connection.id()))
			.map((tokens) -> authorizedClient(this.registrations.registration(provider), principalName, tokens))
			.orElse(null);
	}

	/**
	 * Stores the tokens and names the account; the provider's userinfo endpoint is asked
	 * before the transaction, which holds no connection while it waits.
	 */
	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
		WorkspaceMember member = this.accounts.memberByEmail(principal.getName())
			.orElseThrow(() -> new IllegalStateException("Only a workspace member connects accounts"));
		Provider provider = this.providers.findByRegistrationId(client.getClientRegistration().getRegistrationId())
			.orElseThrow(() -> new IllegalStateException("The provider was removed while connecting"));
		OAuth2AccessToken access = client.getAccessToken();
		OAuth2RefreshToken refresh = client.getRefreshToken();
		AccountIdentity.Identity identity = this.identities.of(provider, idTokenClaims(), access.getTokenValue());
		TokenSet tokens = new TokenSet(access.getTokenValue(), access.getExpiresAt(),
				(refresh != null) ? refresh.getTokenValue() : null, access.getScopes());
		this.transactions.executeWithoutResult((status) -> {
			Connection connection = this.connections.save(member.workspace(), provider.id(), member.person().id(),
					identity.label(), identity.subject(), tokens);
			this.events.publishEvent(new IntegrationEvents.AccountConnected(connection.id(), member.workspace(),
					provider.id(), provider.name(), identity.label(), member.person().id(), this.clock.instant()));
		});
	}

	@Override
	@Transactional
	public void removeAuthorizedClient(String registrationId, String principalName) {
		WorkspaceMember member = this.accounts.memberByEmail(principalName).orElse(null);
		Provider provider = this.providers.findByRegistrationId(registrationId).orElse(null);
		if (member != null && provider != null) {
			this.connections.find(member.workspace(), provider.id())
				.ifPresent((connection) -> this.connections.delete(connection.id()));
		}
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Map<String, Object> idTokenClaims() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes != null)
				? (Map<String, Object>) attributes.getAttribute(IdTokenCheck.CLAIMS, RequestAttributes.SCOPE_REQUEST)
				: null;
	}

	static OAuth2AuthorizedClient authorizedClient(ClientRegistration registration, String principalName,
			TokenSet tokens) {
		OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, tokens.accessToken(), null,
				tokens.expiresAt(), tokens.scopes());
		OAuth2RefreshToken refresh = (tokens.refreshToken() != null)
				? new OAuth2RefreshToken(tokens.refreshToken(), null) : null;
		return new OAuth2AuthorizedClient(registration, principalName, access, refresh);
	}

}
