package dev.mailgate.integrations.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.integrations.ProviderId;
import dev.mailgate.platform.SecretBox;
import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Providers in {@code integrations_providers}, their client secrets encrypted with the
 * {@link SecretBox}.
 */
@Repository
class JdbcProviders {

	private static final String SELECT = "select " + Provider.COLUMNS + " from integrations_providers ";

	private final JdbcClient jdbc;

	private final SecretBox box;

	private final Clock clock;

	JdbcProviders(JdbcClient jdbc, SecretBox box, Clock clock) {
		this.jdbc = jdbc;
		this.box = box;
		this.clock = clock;
	}

	Provider add(ProviderSettings settings, String clientSecret) {
		Instant now = this.clock.instant();
		UUID id = TimeOrderedIds.next(now);
		this.jdbc.sql("""
				insert into integrations_providers (id, registration_id, name, type, issuer, authorization_uri,
				token_uri, revocation_uri, userinfo_uri, jwk_set_uri, api_base_url, events_url, scopes, client_id,
				client_secret, client_secret_last4, client_auth_method, iss_parameter_supported, secret_replaced_at,
				created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, settings.registrationId(), settings.name(), settings.type().value(), settings.issuer(),
					settings.authorizationUri(), settings.tokenUri(), settings.revocationUri(), settings.userInfoUri(),
					settings.jwkSetUri(), settings.apiBaseUrl(), settings.eventsUrl(),
					String.join(" ", settings.scopes()), settings.clientId(), seal(id, clientSecret),
					last4(clientSecret), settings.clientAuthMethod(), settings.issParameterSupported(),
					Timestamps.utc(now), Timestamps.utc(now))
			.update();
		return find(new ProviderId(id)).orElseThrow();
	}

	/**
	 * Changes everything but the client secret and the registration id.
	 */
	void update(ProviderId id, ProviderSettings settings) {
		this.jdbc.sql("""
				update integrations_providers set name = ?, issuer = ?, authorization_uri = ?, token_uri = ?,
				revocation_uri = ?, userinfo_uri = ?, jwk_set_uri = ?, api_base_url = ?, events_url = ?, scopes = ?,
				client_id = ?, client_auth_method = ?, iss_parameter_supported = ? where id = ?""")
			.params(settings.name(), settings.issuer(), settings.authorizationUri(), settings.tokenUri(),
					settings.revocationUri(), settings.userInfoUri(), settings.jwkSetUri(), settings.apiBaseUrl(),
					settings.eventsUrl(), String.join(" ", settings.scopes()), settings.clientId(),
					settings.clientAuthMethod(), settings.issParameterSupported(), id.value())
			.update();
	}

	/**
	 * Replaces the client secret, as when the provider rotated it.
	 */
	void replaceSecret(ProviderId id, String clientSecret) {
		this.jdbc
			.sql("update integrations_providers set client_secret = ?, client_secret_last4 = ?, secret_replaced_at = ? "
					+ "where id = ?")
			.params(seal(id.value(), clientSecret), last4(clientSecret), Timestamps.utc(this.clock.instant()),
					id.value())
			.update();
	}

	Optional<Provider> find(ProviderId id) {
		return this.jdbc.sql(SELECT + "where id = ?").param(id.value()).query(Provider::map).optional();
	}

	Optional<Provider> findByRegistrationId(String registrationId) {
		return this.jdbc.sql(SELECT + "where registration_id = ?")
			.param(registrationId)
			.query(Provider::map)
			.optional();
	}

	List<Provider> all() {
		return this.jdbc.sql(SELECT + "order by name, id").query(Provider::map).list();
	}

	/**
	 * The client secret in clear, for authenticating Mailgate at the provider; never for
	 * showing.
	 */
	String clientSecret(ProviderId id) {
		String sealed = this.jdbc.sql("select client_secret from integrations_providers where id = ?")
			.param(id.value())
			.query(String.class)
			.single();
		return this.box.decrypt(sealed, associatedData(id.value()));
	}

	/**
	 * Removes the provider; its connections must be gone first.
	 */
	boolean remove(ProviderId id) {
		return this.jdbc.sql("delete from integrations_providers where id = ?").param(id.value()).update() == 1;
	}

	private String seal(UUID id, String clientSecret) {
		return this.box.encrypt(clientSecret, associatedData(id));
	}

	private static String associatedData(UUID id) {
		return "integrations_providers.client_secret:" + id;
	}

	private static String last4(String secret) {
		return (secret.length() <= 8) ? "" : secret.substring(secret.length() - 4);
	}

}
