package dev.mailgate.integrations.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The kinds of providers Mailgate knows: presets carry each platform's real endpoints and
 * the scopes Mailgate asks for; {@link #MAILGATE} and {@link #CUSTOM} are found by their
 * issuer (RFC 8414 or OpenID discovery).
 */
enum ProviderType {

	HUBSPOT("HubSpot",
			new Preset(null, "https://app.hubspot.com/oauth/authorize", "https://api.hubapi.com/oauth/v1/token", null,
					null, null, "https://api.hubapi.com", "oauth crm.objects.contacts.read", "client_secret_post",
					Map.of()),
			EnumSet.of(Capability.CONTACTS)),

	SALESFORCE("Salesforce",
			new Preset("https://login.salesforce.com", "https://login.salesforce.com/services/oauth2/authorize",
					"https://login.salesforce.com/services/oauth2/token",
					"https://login.salesforce.com/services/oauth2/revoke",
					"https://login.salesforce.com/services/oauth2/userinfo", "https://login.salesforce.com/id/keys",
					null, "openid email api refresh_token", "client_secret_basic", Map.of()),
			EnumSet.noneOf(Capability.class)),

	GOOGLE("Google (Analytics)",
			new Preset("https://accounts.google.com", "https://accounts.google.com/o/oauth2/v2/auth",
					"https://oauth2.googleapis.com/token", "https://oauth2.googleapis.com/revoke",
					"https://openidconnect.googleapis.com/v1/userinfo", "https://www.googleapis.com/oauth2/v3/certs",
					null, "openid email https://www.googleapis.com/auth/analytics.edit", "client_secret_basic",
					// a refresh token only comes with offline access, and again only with
					// consent
					Map.of("access_type", "offline", "prompt", "consent")),
			EnumSet.noneOf(Capability.class)),

	MICROSOFT("Microsoft",
			new Preset(null, "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
					"https://login.microsoftonline.com/common/oauth2/v2.0/token", null,
					"https://graph.microsoft.com/oidc/userinfo",
					"https://login.microsoftonline.com/common/discovery/v2.0/keys", "https://graph.microsoft.com",
					"openid email offline_access User.Read Contacts.Read", "client_secret_post", Map.of()),
			EnumSet.noneOf(Capability.class)),

	LINKEDIN("LinkedIn",
			new Preset("https://www.linkedin.com/oauth", "https://www.linkedin.com/oauth/v2/authorization",
					"https://www.linkedin.com/oauth/v2/accessToken", "https://www.linkedin.com/oauth/v2/revoke",
					"https://api.linkedin.com/v2/userinfo", "https://www.linkedin.com/oauth/openid/jwks",
					"https://api.linkedin.com", "openid profile email w_member_social", "client_secret_post", Map.of()),
			EnumSet.of(Capability.SHARE)),

	/** Another Mailgate: endpoints from its discovery document, contacts from its API. */
	MAILGATE("Another Mailgate", null, EnumSet.of(Capability.CONTACTS)),

	/** Any OAuth 2.0 provider: endpoints from discovery or typed in. */
	CUSTOM("Custom", null, EnumSet.noneOf(Capability.class));

	private final String label;

	private final @Nullable Preset preset;

	private final Set<Capability> capabilities;

	ProviderType(String label, @Nullable Preset preset, Set<Capability> capabilities) {
		this.label = label;
		this.preset = preset;
		this.capabilities = capabilities;
	}

	String label() {
		return this.label;
	}

	/**
	 * @return the platform's endpoints and scopes, or empty for a type found by its
	 * issuer
	 */
	Optional<Preset> preset() {
		return Optional.ofNullable(this.preset);
	}

	/**
	 * What this type's API offers; analytics comes with any provider that has an events
	 * URL.
	 */
	Set<Capability> capabilities() {
		return this.capabilities;
	}

	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<ProviderType> of(String value) {
		return Arrays.stream(values()).filter((type) -> type.value().equals(value)).findFirst();
	}

	/**
	 * A platform's published endpoints.
	 *
	 * @param issuer its OpenID issuer, when its ID tokens name one that does not vary
	 * @param clientAuthMethod {@code client_secret_basic} or {@code client_secret_post}
	 * @param authorizationParameters added to every authorization request
	 */
	record Preset(@Nullable String issuer, String authorizationUri, String tokenUri, @Nullable String revocationUri,
			@Nullable String userInfoUri, @Nullable String jwkSetUri, @Nullable String apiBaseUrl, String scopes,
			String clientAuthMethod, Map<String, String> authorizationParameters) {
	}

}
