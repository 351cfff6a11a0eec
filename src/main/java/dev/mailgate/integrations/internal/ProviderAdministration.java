package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.mailgate.accounts.UserId;
import dev.mailgate.integrations.IntegrationEvents.ProviderAdded;
import dev.mailgate.integrations.IntegrationEvents.ProviderRemoved;
import dev.mailgate.integrations.IntegrationEvents.ProviderSecretReplaced;
import dev.mailgate.integrations.ProviderId;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An operator's changes to providers, each with its event in the same transaction, so
 * that the audit line and the change commit together.
 */
@Service
class ProviderAdministration {

	private final JdbcProviders providers;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ProviderAdministration(JdbcProviders providers, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.providers = providers;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @throws RegistrationIdTaken when another provider has its registration id
	 */
	@Transactional
	Provider add(ProviderSettings settings, String clientSecret, UserId by) {
		if (this.providers.findByRegistrationId(settings.registrationId()).isPresent()) {
			throw new RegistrationIdTaken(settings.registrationId());
		}
		Provider provider;
		try {
			provider = this.providers.add(settings, clientSecret);
		}
		catch (DuplicateKeyException ex) {
			throw new RegistrationIdTaken(settings.registrationId());
		}
		this.events.publishEvent(new ProviderAdded(provider.id(), provider.name(), provider.type().value(),
				provider.clientId(), by, this.clock.instant()));
		return provider;
	}

	/**
	 * Changes the settings, and the client secret too when one is given.
	 */
	@Transactional
	void update(ProviderId id, ProviderSettings settings, @Nullable String newSecret, UserId by) {
		this.providers.update(id, settings);
		if (newSecret != null) {
			this.providers.replaceSecret(id, newSecret);
		}
		this.events
			.publishEvent(new ProviderSecretReplaced(id, settings.name(), newSecret != null, by, this.clock.instant()));
	}

	@Transactional
	void replaceSecret(Provider provider, String newSecret, UserId by) {
		this.providers.replaceSecret(provider.id(), newSecret);
		this.events
			.publishEvent(new ProviderSecretReplaced(provider.id(), provider.name(), true, by, this.clock.instant()));
	}

	/**
	 * @throws ProviderInUse while workspaces are connected to it (they disconnect first,
	 * which revokes their tokens at the provider)
	 */
	@Transactional
	void remove(Provider provider, UserId by) {
		int connected = connectedWorkspaces(provider.id());
		if (connected > 0) {
			throw new ProviderInUse(provider.name(), connected);
		}
		try {
			this.providers.remove(provider.id());
		}
		catch (DataIntegrityViolationException ex) {
			// a workspace connected between the count and the delete
			throw new ProviderInUse(provider.name(), 1);
		}
		this.events.publishEvent(new ProviderRemoved(provider.id(), provider.name(), by, this.clock.instant()));
	}

	int connectedWorkspaces(ProviderId id) {
		return this.jdbc.sql("select count(*) from integrations_connections where provider_id = ?")
			.param(id.value())
			.query(Integer.class)
			.single();
	}

	/**
	 * How many workspaces are connected to each provider that has any.
	 */
	Map<ProviderId, Integer> connectedWorkspaces() {
		return this.jdbc.sql("select provider_id, count(*) from integrations_connections group by provider_id")
			.query((rs, row) -> Map.entry(new ProviderId(rs.getObject(1, UUID.class)), rs.getInt(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

}
