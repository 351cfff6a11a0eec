package dev.mailgate.oauth.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.InvalidAppMetadata;
import dev.mailgate.apps.RegisteredApp;
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
				ClientMetadata.toNewApp(metadata), true);
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
		return ResponseEntity.ok()
			.headers(noStore())
			.body(describe(this.apps.update(app.id(), ClientMetadata.toNewApp(metadata))));
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

	private Map<String, Object> describe(AppClient app) {
		Map<String, Object> body = ClientMetadata.describe(app);
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
