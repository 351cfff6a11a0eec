package dev.mailgate.integrations.internal;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A provider's settings as an operator enters them (or a preset and discovery fill them
 * in), without the client secret.
 */
record ProviderSettings(String registrationId, String name, ProviderType type, @Nullable String issuer,
		String authorizationUri, String tokenUri, @Nullable String revocationUri, @Nullable String userInfoUri,
		@Nullable String jwkSetUri, @Nullable String apiBaseUrl, @Nullable String eventsUrl, Set<String> scopes,
		String clientId, String clientAuthMethod, boolean issParameterSupported) {

}
