package dev.mailgate.integrations.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a provider's metadata document says about it (RFC 8414 §2, OpenID Connect
 * Discovery 1.0 §3), checked.
 *
 * @param openId whether the document was an OpenID configuration
 * @param clientAuthMethod {@code client_secret_basic} or {@code client_secret_post},
 * whichever the provider supports (basic when both)
 * @param issParameterSupported RFC 9207 §3's
 * {@code authorization_response_iss_parameter_supported}
 * @param scopesSupported as the provider lists them, possibly none
 */
record DiscoveredProvider(String issuer, boolean openId, String authorizationUri, String tokenUri,
		@Nullable String revocationUri, @Nullable String userInfoUri, @Nullable String jwkSetUri,
		String clientAuthMethod, boolean issParameterSupported, List<String> scopesSupported) {

}
