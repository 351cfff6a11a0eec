package dev.mailgate.integrations.internal;

import dev.mailgate.platform.SecretBox;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Component;

/**
 * Spring Security's client registrations, one per configured provider, read from
 * {@link JdbcProviders} on every use: an operator's change (a rotated secret, a new
 * scope) counts at once, on every node.
 */
@Component
class ProviderRegistrations implements ClientRegistrationRepository {

	/**
	 * Where providers send people back to; operators register it at the provider.
	 */
	static final String CALLBACK_PATH = "/integrations/callback/";

	private final JdbcProviders providers;

	ProviderRegistrations(JdbcProviders providers) {
		this.providers = providers;
	}

	@Override
	public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
		return this.providers.findByRegistrationId(registrationId).map(this::registration).orElse(null);
	}

	/**
	 * @throws ProviderUnavailable when Mailgate cannot read the provider's client secret
	 * (the encryption key changed): an administrator must enter it again
	 */
	ClientRegistration registration(Provider provider) {
		return ClientRegistration.withRegistrationId(provider.registrationId())
			.clientName(provider.name())
			.clientId(provider.clientId())
			.clientSecret(clientSecret(provider))
			.clientAuthenticationMethod(new ClientAuthenticationMethod(provider.clientAuthMethod()))
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}" + CALLBACK_PATH + "{registrationId}")
			.scope(provider.scopes())
			.authorizationUri(provider.authorizationUri())
			.tokenUri(provider.tokenUri())
			.issuerUri(provider.issuer())
			.jwkSetUri(provider.jwkSetUri())
			.userInfoUri(provider.userInfoUri())
			.userNameAttributeName("sub")
			// PKCE for confidential clients too (RFC 9700 §2.1.1)
			.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
			.build();
	}

	private String clientSecret(Provider provider) {
		try {
			return this.providers.clientSecret(provider.id());
		}
		catch (SecretBox.NotDecryptable ex) {
			throw new ProviderUnavailable(
					"Mailgate cannot read the client secret of %s (the encryption key changed): "
						.formatted(provider.name()) + "a platform administrator must enter it again (Replace secret)",
					null);
		}
	}

}
