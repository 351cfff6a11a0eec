package dev.mailgate.integrations.internal;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The operator's form for a provider: what a preset or discovery filled in, as edited,
 * and the client ID and secret the provider issued. The secret is write-only: it is never
 * put back into a page, and {@link #toString()} leaves it out.
 */
record ProviderForm(@Nullable String type,
		@NotBlank(message = "Enter a name people recognise, such as HubSpot.") @Size(max = 100,
				message = "Use at most 100 characters.") @Nullable String name,
		@Pattern(regexp = "|[a-z0-9-]{2,64}",
				message = "Use 2 to 64 lowercase letters, digits and dashes.") @Nullable String registrationId,
		@Nullable String issuer, @Nullable String authorizationUri, @Nullable String tokenUri,
		@Nullable String revocationUri, @Nullable String userInfoUri, @Nullable String jwkSetUri,
		@Nullable String apiBaseUrl, @Nullable String eventsUrl,
		@NotBlank(message = "Enter the scopes Mailgate asks for, separated by spaces.") @Size(max = 1000,
				message = "Use at most 1,000 characters.") @Nullable String scopes,
		@NotBlank(message = "Enter the client ID the provider gave you.") @Size(max = 255,
				message = "Use at most 255 characters.") @Nullable String clientId,
		@Size(max = 1000, message = "Use at most 1,000 characters.") @Nullable String clientSecret,
		@Pattern(regexp = "client_secret_basic|client_secret_post",
				message = "Choose how Mailgate sends the secret.") @Nullable String clientAuthMethod,
		@Nullable String issParameterSupported) {

	/** The address fields, in the order the page shows them. */
	static final List<String> URL_FIELDS = List.of("authorizationUri", "tokenUri", "issuer", "revocationUri",
			"userInfoUri", "jwkSetUri", "apiBaseUrl", "eventsUrl");

	/** The addresses every provider needs; the others are optional. */
	static final Set<String> REQUIRED_URLS = Set.of("authorizationUri", "tokenUri");

	static ProviderForm of(Provider provider) {
		return new ProviderForm(provider.type().value(), provider.name(), provider.registrationId(), provider.issuer(),
				provider.authorizationUri(), provider.tokenUri(), provider.revocationUri(), provider.userInfoUri(),
				provider.jwkSetUri(), provider.apiBaseUrl(), provider.eventsUrl(), String.join(" ", provider.scopes()),
				provider.clientId(), null, provider.clientAuthMethod(),
				String.valueOf(provider.issParameterSupported()));
	}

	static ProviderForm preset(ProviderType type, ProviderType.Preset preset) {
		return new ProviderForm(type.value(), type.label(), slug(type.label()), preset.issuer(),
				preset.authorizationUri(), preset.tokenUri(), preset.revocationUri(), preset.userInfoUri(),
				preset.jwkSetUri(), preset.apiBaseUrl(), null, preset.scopes(), null, null, preset.clientAuthMethod(),
				null);
	}

	/**
	 * Another Mailgate's API lives at its issuer and needs its contacts scope; any other
	 * server asks for OpenID's basics when it speaks OpenID.
	 */
	static ProviderForm discovered(ProviderType type, DiscoveredProvider found) {
		boolean mailgate = type == ProviderType.MAILGATE;
		String scopes = mailgate ? "openid profile email contacts.read" : found.openId() ? "openid email" : "";
		return new ProviderForm(type.value(), mailgate ? "Another Mailgate" : "", "", found.issuer(),
				found.authorizationUri(), found.tokenUri(), found.revocationUri(), found.userInfoUri(),
				found.jwkSetUri(), mailgate ? found.issuer() : null, null, scopes, null, null, found.clientAuthMethod(),
				String.valueOf(found.issParameterSupported()));
	}

	/**
	 * The form's addresses by field.
	 */
	Map<String, @Nullable String> urls() {
		Map<String, @Nullable String> urls = new LinkedHashMap<>();
		urls.put("authorizationUri", this.authorizationUri);
		urls.put("tokenUri", this.tokenUri);
		urls.put("issuer", this.issuer);
		urls.put("revocationUri", this.revocationUri);
		urls.put("userInfoUri", this.userInfoUri);
		urls.put("jwkSetUri", this.jwkSetUri);
		urls.put("apiBaseUrl", this.apiBaseUrl);
		urls.put("eventsUrl", this.eventsUrl);
		return urls;
	}

	/**
	 * The registration id typed, or one made from the name.
	 */
	String registrationIdOrSuggested() {
		return (this.registrationId != null && !this.registrationId.isBlank()) ? this.registrationId.strip()
				: slug((this.name != null) ? this.name : "");
	}

	ProviderSettings settings(ProviderType providerType, String registration) {
		return new ProviderSettings(registration, strip(this.name), providerType, blankToNull(this.issuer),
				strip(this.authorizationUri), strip(this.tokenUri), blankToNull(this.revocationUri),
				blankToNull(this.userInfoUri), blankToNull(this.jwkSetUri), blankToNull(this.apiBaseUrl),
				blankToNull(this.eventsUrl), Provider.scopes(strip(this.scopes)), strip(this.clientId),
				(this.clientAuthMethod != null) ? this.clientAuthMethod : "client_secret_basic", issSupported());
	}

	/**
	 * Whether the box is ticked (an unticked checkbox sends nothing); public for the
	 * template.
	 */
	public boolean issSupported() {
		return "true".equals(this.issParameterSupported);
	}

	boolean hasSecret() {
		return this.clientSecret != null && !this.clientSecret.isBlank();
	}

	String secret() {
		return (this.clientSecret != null) ? this.clientSecret.strip() : "";
	}

	static String slug(String name) {
		String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		return (slug.length() > 64) ? slug.substring(0, 64).replaceAll("-+$", "") : slug;
	}

	static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static String strip(@Nullable String value) {
		return (value != null) ? value.strip() : "";
	}

	@Override
	public String toString() {
		return "ProviderForm[registrationId=" + this.registrationId + ", name=" + this.name + ", clientSecret="
				+ (hasSecret() ? "(given)" : "(none)") + "]";
	}

}
