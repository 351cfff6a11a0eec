package dev.mailgate.integrations.internal;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Checks a provider's metadata document against what Mailgate needs: the issuer it was
 * asked for, an authorization and a token endpoint on acceptable addresses, the
 * authorization code grant, PKCE with S256, and client authentication with a secret.
 */
class ProviderMetadata {

	private final ProviderUrls urls;

	ProviderMetadata(ProviderUrls urls) {
		this.urls = urls;
	}

	/**
	 * @param typed the issuer as the operator typed it
	 * @throws DiscoveryFailed naming the first thing that does not fit
	 */
	DiscoveredProvider check(String typed, boolean openId, Map<String, Object> document) {
		String issuer = text(document, "issuer");
		// RFC 8414 §3.3 and OpenID Discovery §4.3: the issuer must be the one asked for,
		// so a document cannot speak for another provider
		if (issuer == null || !(issuer.equals(typed) || issuer.equals(typed.replaceAll("/+$", "")))) {
			throw new DiscoveryFailed(("The discovery document names the issuer %s, not %s, so Mailgate does not "
					+ "trust it (RFC 8414 §3.3). Enter the issuer exactly as the provider names it.")
				.formatted((issuer != null) ? issuer : "(none)", typed));
		}
		requireSupported(document, "grant_types_supported", "authorization_code",
				"The provider does not support the authorization code grant, which Mailgate connects with.");
		requireSupported(document, "response_types_supported", "code",
				"The provider does not offer the response type \"code\", which Mailgate connects with.");
		requireSupported(document, "code_challenge_methods_supported", "S256",
				"The provider does not support PKCE with S256 (RFC 7636), which Mailgate requires.");
		return new DiscoveredProvider(issuer, openId, endpoint(document, "authorization_endpoint", true),
				endpoint(document, "token_endpoint", true), endpoint(document, "revocation_endpoint", false),
				endpoint(document, "userinfo_endpoint", false), endpoint(document, "jwks_uri", false),
				clientAuthMethod(document),
				Boolean.TRUE.equals(document.get("authorization_response_iss_parameter_supported")),
				strings(document, "scopes_supported"));
	}

	/**
	 * Basic when the provider takes it (RFC 8414 §2: the default when it says nothing),
	 * else post.
	 */
	private static String clientAuthMethod(Map<String, Object> document) {
		List<String> methods = strings(document, "token_endpoint_auth_methods_supported");
		if (methods.isEmpty() || methods.contains("client_secret_basic")) {
			return "client_secret_basic";
		}
		if (methods.contains("client_secret_post")) {
			return "client_secret_post";
		}
		throw new DiscoveryFailed(("The provider authenticates clients only with %s; Mailgate uses a client secret "
				+ "(client_secret_basic or client_secret_post).")
			.formatted(String.join(", ", methods)));
	}

	private @Nullable String endpoint(Map<String, Object> document, String name, boolean required) {
		String url = text(document, name);
		if (url == null) {
			if (required) {
				throw new DiscoveryFailed("The discovery document has no %s.".formatted(name));
			}
			return null;
		}
		this.urls.problem(url).ifPresent((problem) -> {
			throw new DiscoveryFailed("The provider's %s (%s) is not usable: %s".formatted(name, url, problem));
		});
		return url;
	}

	/**
	 * A list the document leaves out says nothing; one it gives must name the value.
	 */
	private static void requireSupported(Map<String, Object> document, String name, String value, String message) {
		List<String> values = strings(document, name);
		if (document.containsKey(name) && !values.contains(value)) {
			throw new DiscoveryFailed(message);
		}
	}

	private static @Nullable String text(Map<String, Object> document, String name) {
		return (document.get(name) instanceof String value && !value.isBlank()) ? value.strip() : null;
	}

	private static List<String> strings(Map<String, Object> document, String name) {
		if (!(document.get(name) instanceof List<?> values)) {
			return List.of();
		}
		return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
	}

}
