package dev.mailgate.apps.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.ClientKeys;
import dev.mailgate.apps.InvalidAppMetadata;
import dev.mailgate.apps.NewApp;
import dev.mailgate.apps.Scope;
import dev.mailgate.apps.TokenFormat;

/**
 * The rules an app's metadata must keep (RFC 9700 §2.1, RFC 8252 §7.3, RFC 7591 §2).
 */
final class AppRules {

	static final int MAX_REDIRECT_URIS = 10;

	static final Set<String> GRANT_TYPES = Set.of(AppClient.AUTHORIZATION_CODE, AppClient.REFRESH_TOKEN,
			AppClient.CLIENT_CREDENTIALS);

	private AppRules() {
	}

	static void check(NewApp app) {
		if (app.name().isBlank() || app.name().length() > 100) {
			throw metadata("client_name must have 1 to 100 characters");
		}
		checkLength("description", app.description(), 500);
		checkLength("client_uri", app.website(), 500);
		checkLength("logo_uri", app.logoUrl(), 500);
		checkWebUrl("client_uri", app.website());
		checkWebUrl("logo_uri", app.logoUrl());
		checkGrantTypes(app);
		checkRedirectUris(app);
		for (String scope : app.scopes()) {
			if (Scope.of(scope).isEmpty()) {
				throw metadata("scope '%s' is unknown; known scopes are %s".formatted(scope,
						String.join(" ", Scope.allValues())));
			}
		}
		checkKeys(app);
		Duration max = (app.tokenFormat() == TokenFormat.JWT) ? Duration.ofMinutes(15) : Duration.ofMinutes(60);
		if (app.accessTokenTtl().compareTo(Duration.ofMinutes(5)) < 0 || app.accessTokenTtl().compareTo(max) > 0) {
			throw metadata("access_token_ttl must be between 300 and %d seconds".formatted(max.toSeconds()));
		}
	}

	/**
	 * A {@code private_key_jwt} app publishes its keys inline or at an https URL, not
	 * both (RFC 7591 §2), and the inline set must parse and hold public keys only.
	 */
	private static void checkKeys(NewApp app) {
		ClientKeys keys = app.keys();
		if (keys == null) {
			return;
		}
		if (!app.confidential()) {
			throw metadata("private_key_jwt is for confidential clients");
		}
		if ((keys.jwks() == null) == (keys.jwksUri() == null)) {
			throw metadata("private_key_jwt needs exactly one of jwks and jwks_uri");
		}
		if (keys.jwksUri() != null) {
			checkWebUrl("jwks_uri", keys.jwksUri());
		}
		if (keys.jwks() != null) {
			try {
				JWKSet set = JWKSet.parse(keys.jwks());
				if (set.getKeys().isEmpty() || set.getKeys().stream().anyMatch(JWK::isPrivate)) {
					throw metadata("jwks must hold at least one key, and public keys only");
				}
			}
			catch (ParseException ex) {
				throw metadata("jwks is not a JWK Set: " + ex.getMessage());
			}
		}
	}

	private static void checkGrantTypes(NewApp app) {
		if (app.grantTypes().isEmpty()) {
			throw metadata("grant_types must name at least one grant type");
		}
		for (String grant : app.grantTypes()) {
			if (!GRANT_TYPES.contains(grant)) {
				throw metadata("grant_types may contain only authorization_code, refresh_token and "
						+ "client_credentials; '%s' is not supported".formatted(grant));
			}
		}
		if (app.grantTypes().contains(AppClient.CLIENT_CREDENTIALS) && !app.confidential()) {
			throw metadata("client_credentials needs a confidential client; a public client "
					+ "(token_endpoint_auth_method none) cannot keep a secret");
		}
		if (app.grantTypes().contains(AppClient.REFRESH_TOKEN)
				&& !app.grantTypes().contains(AppClient.AUTHORIZATION_CODE)) {
			throw metadata("refresh_token needs authorization_code");
		}
	}

	private static void checkRedirectUris(NewApp app) {
		boolean needed = app.grantTypes().contains(AppClient.AUTHORIZATION_CODE);
		if (needed && app.redirectUris().isEmpty()) {
			throw new InvalidAppMetadata("redirect_uris must have at least one URI for authorization_code", true);
		}
		if (app.redirectUris().size() > MAX_REDIRECT_URIS) {
			throw new InvalidAppMetadata("redirect_uris may have at most %d URIs".formatted(MAX_REDIRECT_URIS), true);
		}
		for (String redirectUri : app.redirectUris()) {
			checkRedirectUri(redirectUri);
		}
	}

	static void checkRedirectUri(String value) {
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			throw new InvalidAppMetadata("redirect URI '%s' is not a valid URI".formatted(value), true);
		}
		if (value.length() > 2000 || value.contains("*")) {
			throw new InvalidAppMetadata("redirect URI '%s' may not contain wildcards".formatted(value), true);
		}
		if (!uri.isAbsolute() || uri.getHost() == null) {
			throw new InvalidAppMetadata("redirect URI '%s' must be an absolute URL".formatted(value), true);
		}
		if (uri.getRawFragment() != null) {
			throw new InvalidAppMetadata("redirect URI '%s' may not have a fragment".formatted(value), true);
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.equals("http") && !isLoopback(uri.getHost())) {
			throw new InvalidAppMetadata(
					"redirect URI '%s' must use https (plain http only for loopback)".formatted(value), true);
		}
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new InvalidAppMetadata("redirect URI '%s' must use https".formatted(value), true);
		}
	}

	static boolean isLoopback(String host) {
		return host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("localhost");
	}

	private static void checkLength(String field, String value, int max) {
		if (value != null && value.length() > max) {
			throw metadata("%s may have at most %d characters".formatted(field, max));
		}
	}

	private static void checkWebUrl(String field, String value) {
		if (value == null || value.isBlank()) {
			return;
		}
		try {
			URI uri = new URI(value);
			if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
				throw metadata("%s must be an https URL".formatted(field));
			}
		}
		catch (URISyntaxException ex) {
			throw metadata("%s is not a valid URL".formatted(field));
		}
	}

	private static InvalidAppMetadata metadata(String message) {
		return new InvalidAppMetadata(message, false);
	}

}
