package dev.mailgate.oauth.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.InvalidAppMetadata;
import dev.mailgate.apps.NewApp;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.apps.TokenFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Dynamic client registration (RFC 7591) and its management (RFC 7592). Registering needs
 * an access token with scope {@code client.create}; the new app belongs to that token's
 * workspace. Reading, updating and deleting a registration need the registration access
 * token it came with.
 */
@RestController
class DynamicRegistration {

	static final String PATH = "/oauth2/register";

	private static final String RFC7591_3_2_2 = "https://datatracker.ietf.org/doc/html/rfc7591#section-3.2.2";

	private final Apps apps;

	private final JwtDecoder bearerTokens;

	private final String issuer;

	DynamicRegistration(Apps apps, JwtDecoder bearerTokens, IssuerProperties issuer) {
		this.apps = apps;
		this.bearerTokens = bearerTokens;
		this.issuer = issuer.trimmed();
	}

	@PostMapping(PATH)
	ResponseEntity<Map<String, Object>> register(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody Map<String, Object> metadata) {
		Jwt token;
		try {
			token = this.bearerTokens.decode(bearer(authorization));
		}
		catch (JwtException | IllegalArgumentException ex) {
			return bearerError(HttpStatus.UNAUTHORIZED, "invalid_token", "A valid access token is required");
		}
		String scope = String.valueOf(token.getClaims().getOrDefault("scope", ""));
		if (!scope.matches("(?s).*\\bclient\\.create\\b.*")) {
			return bearerError(HttpStatus.FORBIDDEN, "insufficient_scope",
					"The access token needs scope client.create");
		}
		String workspace = token.getClaimAsString(TokenClaims.WORKSPACE_ID);
		if (workspace == null) {
			return bearerError(HttpStatus.FORBIDDEN, "insufficient_scope", "The access token acts on no workspace");
		}
		RegisteredApp registered = this.apps.register(new WorkspaceId(java.util.UUID.fromString(workspace)),
				newApp(metadata), true);
		Map<String, Object> body = describe(registered.app());
		if (registered.clientSecret() != null) {
			body.put("client_secret", registered.clientSecret());
			body.put("client_secret_expires_at", 0);
		}
		body.put("registration_access_token", registered.registrationAccessToken());
		return ResponseEntity.status(HttpStatus.CREATED).headers(noStore()).body(body);
	}

	@GetMapping(PATH + "/{clientId}")
	ResponseEntity<Map<String, Object>> read(@PathVariable String clientId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		AppClient app = registrationOf(clientId, authorization);
		if (app == null) {
			return bearerError(HttpStatus.UNAUTHORIZED, "invalid_token", "Unknown registration access token");
		}
		return ResponseEntity.ok().headers(noStore()).body(describe(app));
	}

	@PutMapping(PATH + "/{clientId}")
	ResponseEntity<Map<String, Object>> update(@PathVariable String clientId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody Map<String, Object> metadata) {
		AppClient app = registrationOf(clientId, authorization);
		if (app == null) {
			return bearerError(HttpStatus.UNAUTHORIZED, "invalid_token", "Unknown registration access token");
		}
		if (metadata.containsKey("client_id") && !clientId.equals(metadata.get("client_id"))) {
			throw new InvalidAppMetadata("client_id must be the registered client's", false);
		}
		return ResponseEntity.ok().headers(noStore()).body(describe(this.apps.update(app.id(), newApp(metadata))));
	}

	@DeleteMapping(PATH + "/{clientId}")
	ResponseEntity<Map<String, Object>> delete(@PathVariable String clientId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		AppClient app = registrationOf(clientId, authorization);
		if (app == null) {
			return bearerError(HttpStatus.UNAUTHORIZED, "invalid_token", "Unknown registration access token");
		}
		this.apps.delete(app.id());
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> handle(InvalidAppMetadata ex) {
		return error(ex.aboutRedirectUri() ? "invalid_redirect_uri" : "invalid_client_metadata", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> handle(HttpMessageNotReadableException ex) {
		return error("invalid_client_metadata", "The body must be a JSON object of client metadata");
	}

	private @Nullable AppClient registrationOf(String clientId, @Nullable String authorization) {
		try {
			return this.apps.byRegistrationToken(bearer(authorization))
				.filter((app) -> app.clientId().equals(clientId))
				.orElse(null);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private NewApp newApp(Map<String, Object> metadata) {
		String method = text(metadata, "token_endpoint_auth_method", "client_secret_basic");
		if (!List.of("client_secret_basic", "client_secret_post", "none").contains(method)) {
			throw new InvalidAppMetadata(
					"token_endpoint_auth_method must be client_secret_basic, " + "client_secret_post or none", false);
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
				format.equals("jwt") ? TokenFormat.JWT : TokenFormat.OPAQUE, Duration.ofSeconds(seconds.longValue()));
	}

	private Map<String, Object> describe(AppClient app) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("client_id", app.clientId());
		body.put("client_id_issued_at", app.createdAt().getEpochSecond());
		body.put("client_name", app.name());
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
		body.put("token_endpoint_auth_method", app.confidential() ? "client_secret_basic" : "none");
		body.put("scope", String.join(" ", app.scopes()));
		body.put("access_token_format", app.tokenFormat().name().toLowerCase(java.util.Locale.ROOT));
		body.put("access_token_ttl", app.accessTokenTtl().toSeconds());
		body.put("registration_client_uri",
				UriComponentsBuilder.fromUriString(this.issuer + PATH).pathSegment(app.clientId()).toUriString());
		return body;
	}

	private static String bearer(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw new IllegalArgumentException("No bearer token");
		}
		return authorization.substring(7).trim();
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

	private static HttpHeaders noStore() {
		HttpHeaders headers = new HttpHeaders();
		headers.setCacheControl("no-store");
		return headers;
	}

	private static ResponseEntity<Map<String, Object>> error(String code, String description) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", code);
		body.put("error_description", description);
		return ResponseEntity.badRequest().headers(noStore()).body(body);
	}

	private static ResponseEntity<Map<String, Object>> bearerError(HttpStatus status, String code, String description) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", code);
		body.put("error_description", description);
		return ResponseEntity.status(status)
			.header(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"%s\", error_description=\"%s\"".formatted(code, description))
			.headers(noStore())
			.body(body);
	}

}
