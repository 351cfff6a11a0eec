package dev.mailgate.integrations.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import dev.mailgate.integrations.ProviderId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

/**
 * An outside platform as an operator configured it: its endpoints, the scopes Mailgate
 * asks for, and the client ID it issued to Mailgate. The client secret is not here: only
 * {@link JdbcProviders#clientSecret} decrypts it, for the token endpoint.
 *
 * @param registrationId the provider's name in URLs and in Spring Security's client
 * registrations
 * @param issuer set for providers found by discovery and for OpenID providers
 * @param apiBaseUrl where its API is (contacts, posts)
 * @param eventsUrl an analytics provider's endpoint for engagement events
 * @param clientSecretLast4 the only part of the secret ever shown
 */
record Provider(ProviderId id, String registrationId, String name, ProviderType type, @Nullable String issuer,
		String authorizationUri, String tokenUri, @Nullable String revocationUri, @Nullable String userInfoUri,
		@Nullable String jwkSetUri, @Nullable String apiBaseUrl, @Nullable String eventsUrl, Set<String> scopes,
		String clientId, String clientSecretLast4, String clientAuthMethod, boolean issParameterSupported,
		Instant secretReplacedAt, Instant createdAt) {

	static final String COLUMNS = "id, registration_id, name, type, issuer, authorization_uri, token_uri, "
			+ "revocation_uri, userinfo_uri, jwk_set_uri, api_base_url, events_url, scopes, client_id, "
			+ "client_secret_last4, client_auth_method, iss_parameter_supported, secret_replaced_at, created_at";

	/**
	 * Whether Mailgate asks for an ID token, which then must carry the nonce and the
	 * issuer.
	 */
	boolean openId() {
		return this.scopes.contains("openid");
	}

	Set<Capability> capabilities() {
		Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
		capabilities.addAll(this.type.capabilities());
		if (this.eventsUrl != null) {
			capabilities.add(Capability.ANALYTICS);
		}
		return capabilities;
	}

	static Set<String> scopes(String spaceSeparated) {
		return new LinkedHashSet<>(Arrays.asList(spaceSeparated.strip().split("\\s+")));
	}

	static Provider map(ResultSet rs, int row) throws SQLException {
		return new Provider(new ProviderId(rs.getObject("id", UUID.class)), rs.getString("registration_id"),
				rs.getString("name"), ProviderType.of(rs.getString("type")).orElse(ProviderType.CUSTOM),
				rs.getString("issuer"), rs.getString("authorization_uri"), rs.getString("token_uri"),
				rs.getString("revocation_uri"), rs.getString("userinfo_uri"), rs.getString("jwk_set_uri"),
				rs.getString("api_base_url"), rs.getString("events_url"), scopes(rs.getString("scopes")),
				rs.getString("client_id"), rs.getString("client_secret_last4"), rs.getString("client_auth_method"),
				rs.getBoolean("iss_parameter_supported"), Timestamps.instant(rs, "secret_replaced_at"),
				Timestamps.instant(rs, "created_at"));
	}

}
