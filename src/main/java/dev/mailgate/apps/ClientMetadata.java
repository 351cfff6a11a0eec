package dev.mailgate.apps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * An app in RFC 7591's client metadata names (and Mailgate's own, in snake_case, where
 * RFC 7591 has none), for dynamic registration and the apps API alike.
 */
public final class ClientMetadata {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ClientMetadata() {
	}

	/**
	 * Reads client metadata; a field of the wrong type is an {@link InvalidAppMetadata}
	 * naming it. The values themselves are checked on registration.
	 */
	public static NewApp toNewApp(Map<String, Object> metadata) {
		String method = text(metadata, "token_endpoint_auth_method", "client_secret_basic");
		if (!List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none").contains(method)) {
			throw new InvalidAppMetadata("token_endpoint_auth_method must be client_secret_basic, "
					+ "client_secret_post, private_key_jwt or none", false);
		}
		ClientKeys keys = null;
		if (method.equals("private_key_jwt")) {
			Object jwks = metadata.get("jwks");
			if (jwks != null && !(jwks instanceof Map)) {
				throw new InvalidAppMetadata("jwks must be a JWK Set object", false);
			}
			keys = new ClientKeys((jwks != null) ? JSON.writeValueAsString(jwks) : null,
					optionalText(metadata, "jwks_uri"));
		}
		Set<String> grants = new LinkedHashSet<>(
				strings(metadata, "grant_types", List.of(AppClient.AUTHORIZATION_CODE)));
		List<String> responseTypes = strings(metadata, "response_types", List.of("code"));
		if (!responseTypes.stream().allMatch("code"::equals)) {
			throw new InvalidAppMetadata("response_types may contain only code", false);
		}
		String format = text(metadata, "access_token_format", "opaque");
		if (!format.equals("opaque") && !format.equals("jwt")) {
			throw new InvalidAppMetadata("access_token_format must be opaque or jwt", false);
		}
		Object ttl = metadata.getOrDefault("access_token_ttl", 900);
		if (!(ttl instanceof Number seconds)) {
			throw new InvalidAppMetadata("access_token_ttl must be a number of seconds", false);
		}
		String scope = text(metadata, "scope", "");
		return new NewApp(text(metadata, "client_name", ""), optionalText(metadata, "description"),
				optionalText(metadata, "client_uri"), optionalText(metadata, "logo_uri"), !method.equals("none"),
				strings(metadata, "redirect_uris", List.of()), grants,
				new LinkedHashSet<>(scope.isBlank() ? List.of() : List.of(scope.trim().split("\\s+"))),
				format.equals("jwt") ? TokenFormat.JWT : TokenFormat.OPAQUE, Duration.ofSeconds(seconds.longValue()),
				keys);
	}

	/**
	 * The app's metadata as the APIs show it; never a secret.
	 */
	public static Map<String, Object> describe(AppClient app) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("client_id", app.clientId());
		body.put("client_id_issued_at", app.createdAt().getEpochSecond());
		body.put("client_name", app.name());
		body.put("status", app.suspended() ? "suspended" : "active");
		if (app.description() != null) {
			body.put("description", app.description());
		}
		if (app.website() != null) {
			body.put("client_uri", app.website());
		}
		if (app.logoUrl() != null) {
			body.put("logo_uri", app.logoUrl());
		}
		body.put("redirect_uris", app.redirectUris());
		body.put("grant_types", app.grantTypes());
		body.put("response_types",
				app.grantTypes().contains(AppClient.AUTHORIZATION_CODE) ? List.of("code") : List.of());
		body.put("token_endpoint_auth_method",
				(app.keys() != null) ? "private_key_jwt" : app.confidential() ? "client_secret_basic" : "none");
		if (app.keys() != null && app.keys().jwksUri() != null) {
			body.put("jwks_uri", app.keys().jwksUri());
		}
		if (app.keys() != null && app.keys().jwks() != null) {
			body.put("jwks", JSON.readValue(app.keys().jwks(), Map.class));
		}
		body.put("scope", String.join(" ", app.scopes()));
		body.put("access_token_format", app.tokenFormat().name().toLowerCase(Locale.ROOT));
		body.put("access_token_ttl", app.accessTokenTtl().toSeconds());
		return body;
	}

	private static String text(Map<String, Object> metadata, String name, String fallback) {
		Object value = metadata.getOrDefault(name, fallback);
		if (!(value instanceof String text)) {
			throw new InvalidAppMetadata(name + " must be a string", name.equals("redirect_uris"));
		}
		return text;
	}

	private static @Nullable String optionalText(Map<String, Object> metadata, String name) {
		return metadata.containsKey(name) ? text(metadata, name, "") : null;
	}

	private static List<String> strings(Map<String, Object> metadata, String name, List<String> fallback) {
		Object value = metadata.getOrDefault(name, fallback);
		if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
			throw new InvalidAppMetadata(name + " must be an array of strings", name.equals("redirect_uris"));
		}
		List<String> strings = new ArrayList<>();
		list.forEach((item) -> strings.add((String) item));
		return strings;
	}

}
