package dev.mailgate.apps.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.AppIsPublic;
import dev.mailgate.apps.ClientMetadata;
import dev.mailgate.apps.InvalidAppMetadata;
import dev.mailgate.apps.NewSecret;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.apps.SecretId;
import dev.mailgate.apps.SecretRecentlyUsed;
import dev.mailgate.apps.SecretSummary;
import dev.mailgate.apps.TooManySecrets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/apps}: a workspace's apps and their secrets, for tokens with scope
 * {@code apps.manage}, limited to the token's workspace (another workspace's app is a
 * 404).
 */
@RestController
@RequestMapping("/api/v1/apps")
@Tag(name = "Apps", description = "The workspace's apps and their client secrets, as in the developer portal")
class AppsApiController {

	private static final String NOT_FOUND = "No such app in your workspace";

	/** The claim that names the workspace a token acts on (docs/oauth.md). */
	static final String WORKSPACE_CLAIM = "workspace_id";

	private final AppManagement management;

	private final AppRegistry registry;

	private final SecretRotation rotation;

	private final SecretPolicy policy;

	private final Clock clock;

	AppsApiController(AppManagement management, AppRegistry registry, SecretRotation rotation, SecretPolicy policy,
			Clock clock) {
		this.policy = policy;
		this.clock = clock;
		this.management = management;
		this.registry = registry;
		this.rotation = rotation;
	}

	@Operation(summary = "List the workspace's apps")
	@ApiResponse(responseCode = "200", description = "Every app",
			content = @Content(schema = @Schema(implementation = AppsSchemas.AppPage.class)))
	@GetMapping
	Map<String, Object> listApps(@AuthenticationPrincipal Jwt token) {
		List<Map<String, Object>> apps = this.management.inWorkspace(workspace(token))
			.stream()
			.map(ClientMetadata::describe)
			.toList();
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("data", apps);
		page.put("next_cursor", null);
		return page;
	}

	@Operation(summary = "Register an app", description = "A confidential app's client secret is in the answer, once.")
	@ApiResponse(responseCode = "201", description = "Registered; `Location` names it",
			content = @Content(schema = @Schema(implementation = AppsSchemas.App.class)))
	@ApiResponse(responseCode = "400", description = "Metadata that breaks a rule, named in `field`")
	@PostMapping
	ResponseEntity<Map<String, Object>> registerApp(@AuthenticationPrincipal Jwt token,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(
					implementation = AppsSchemas.AppMetadata.class))) @RequestBody Map<String, Object> metadata) {
		RegisteredApp registered = this.registry.register(workspace(token), ClientMetadata.toNewApp(metadata), false);
		Map<String, Object> body = ClientMetadata.describe(registered.app());
		if (registered.clientSecret() != null) {
			body.put("client_secret", registered.clientSecret());
			body.put("client_secret_expires_at", 0);
		}
		return ResponseEntity.created(URI.create("/api/v1/apps/" + registered.app().clientId()))
			.header("Cache-Control", "no-store")
			.body(body);
	}

	@Operation(summary = "Show the workspace's secret policy")
	@ApiResponse(responseCode = "200", description = "The policy",
			content = @Content(schema = @Schema(implementation = AppsSchemas.Policy.class)))
	@GetMapping("/policy")
	Map<String, Object> showSecretPolicy(@AuthenticationPrincipal Jwt token) {
		Map<String, Object> policy = new LinkedHashMap<>();
		policy.put("max_secret_age_days", this.policy.maxAge(workspace(token)).map(Duration::toDays).orElse(null));
		return policy;
	}

	@Operation(summary = "Set the workspace's secret policy",
			description = "A maximum age applies to new secrets and to current ones.")
	@ApiResponse(responseCode = "200", description = "The policy now",
			content = @Content(schema = @Schema(implementation = AppsSchemas.Policy.class)))
	@ApiResponse(responseCode = "400", description = "Not a whole number of days")
	@PutMapping("/policy")
	Map<String, Object> setSecretPolicy(@AuthenticationPrincipal Jwt token,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(
					implementation = AppsSchemas.Policy.class))) @RequestBody Map<String, Object> body) {
		Object days = body.get("max_secret_age_days");
		if (days != null && !(days instanceof Integer)) {
			throw new InvalidAppMetadata("max_secret_age_days must be a whole number of days, or null", false);
		}
		WorkspaceId workspace = workspace(token);
		List<AppClient> apps = this.management.inWorkspace(workspace);
		this.policy.set(workspace, (Integer) days, apps);
		apps.forEach((app) -> this.registry.forget(app.clientId()));
		return showSecretPolicy(token);
	}

	@Operation(summary = "Show an app")
	@ApiResponse(responseCode = "200", description = "The app",
			content = @Content(schema = @Schema(implementation = AppsSchemas.App.class)))
	@ApiResponse(responseCode = "404", description = NOT_FOUND)
	@GetMapping("/{clientId}")
	Map<String, Object> showApp(@AuthenticationPrincipal Jwt token, @PathVariable String clientId) {
		return ClientMetadata.describe(this.management.find(workspace(token), clientId));
	}

	@Operation(summary = "Replace an app's settings", description = "Its client id and secrets stay.")
	@ApiResponse(responseCode = "200", description = "The app now",
			content = @Content(schema = @Schema(implementation = AppsSchemas.App.class)))
	@ApiResponse(responseCode = "400", description = "Metadata that breaks a rule, named in `field`")
	@ApiResponse(responseCode = "404", description = NOT_FOUND)
	@PutMapping("/{clientId}")
	Map<String, Object> updateApp(@AuthenticationPrincipal Jwt token, @PathVariable String clientId,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(
					implementation = AppsSchemas.AppMetadata.class))) @RequestBody Map<String, Object> metadata) {
		AppClient app = this.management.find(workspace(token), clientId);
		return ClientMetadata.describe(this.registry.update(app.id(), ClientMetadata.toNewApp(metadata)));
	}

	@Operation(summary = "Delete an app and everything issued to it")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = NOT_FOUND)
	@DeleteMapping("/{clientId}")
	ResponseEntity<Void> deleteApp(@AuthenticationPrincipal Jwt token, @PathVariable String clientId) {
		this.registry.delete(this.management.find(workspace(token), clientId).id());
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Suspend an app",
			description = "Every token it holds is revoked; resuming does not bring them back.")
	@ApiResponse(responseCode = "200", description = "The app, suspended",
			content = @Content(schema = @Schema(implementation = AppsSchemas.App.class)))
	@ApiResponse(responseCode = "404", description = NOT_FOUND)
	@PostMapping("/{clientId}/suspend")
	Map<String, Object> suspendApp(@AuthenticationPrincipal Jwt token, @PathVariable String clientId) {
		AppClient app = this.management.find(workspace(token), clientId);
		this.management.suspend(app, actor(token));
		return ClientMetadata.describe(this.management.find(workspace(token), clientId));
	}

	@Operation(summary = "Resume a suspended app")
	@ApiResponse(responseCode = "200", description = "The app, active",
			content = @Content(schema = @Schema(implementation = AppsSchemas.App.class)))
	@ApiResponse(responseCode = "404", description = NOT_FOUND)
	@PostMapping("/{clientId}/resume")
	Map<String, Object> resumeApp(@AuthenticationPrincipal Jwt token, @PathVariable String clientId) {
		AppClient app = this.management.find(workspace(token), clientId);
		this.management.resume(app, actor(token));
		return ClientMetadata.describe(this.management.find(workspace(token), clientId));
	}

	@Operation(summary = "List an app's client secrets", description = "Never the secrets themselves.")
	@ApiResponse(responseCode = "200", description = "Its secrets",
			content = @Content(schema = @Schema(implementation = AppsSchemas.SecretList.class)))
	@ApiResponse(responseCode = "404", description = NOT_FOUND)
	@GetMapping("/{clientId}/secrets")
	Map<String, Object> listSecrets(@AuthenticationPrincipal Jwt token, @PathVariable String clientId) {
		AppClient app = this.management.find(workspace(token), clientId);
		return Map.of("data", this.rotation.secretsOf(app).stream().map(this::secret).toList());
	}

	@Operation(summary = "Rotate: a new client secret, the older ones working for a grace period")
	@ApiResponse(responseCode = "201", description = "The new secret, shown this once",
			content = @Content(schema = @Schema(implementation = AppsSchemas.Secret.class)))
	@ApiResponse(responseCode = "400", description = "A grace period that is not a number of seconds")
	@ApiResponse(responseCode = "404", description = NOT_FOUND)
	@ApiResponse(responseCode = "409",
			description = "The app is public (it has no secrets), or has three active secrets")
	@PostMapping("/{clientId}/secrets")
	ResponseEntity<Map<String, Object>> rotateSecret(@AuthenticationPrincipal Jwt token, @PathVariable String clientId,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
					content = @Content(schema = @Schema(implementation = AppsSchemas.Rotation.class))) @RequestBody(
							required = false) @Nullable Map<String, Object> body) {
		AppClient app = this.management.find(workspace(token), clientId);
		Object grace = (body != null) ? body.getOrDefault("grace_period_seconds", null) : null;
		if (grace != null && !(grace instanceof Number)) {
			throw new InvalidAppMetadata("grace_period_seconds must be a number of seconds", false);
		}
		Duration period = (grace != null) ? Duration.ofSeconds(((Number) grace).longValue())
				: SecretRotation.DEFAULT_GRACE;
		NewSecret created = this.rotation.rotate(app, period, actor(token));
		Map<String, Object> answer = secret(created.summary());
		answer.put("client_secret", created.value());
		answer.put("previous_secrets_valid_until", created.summary().createdAt().plus(period));
		return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store").body(answer);
	}

	@Operation(summary = "Revoke a client secret")
	@ApiResponse(responseCode = "204", description = "Revoked")
	@ApiResponse(responseCode = "404", description = "No such app in your workspace, or no such secret")
	@ApiResponse(responseCode = "409", description = """
			The secret was used in the last 24 hours: the problem says when (`last_used_at`) and from where \
			(`last_used_ip`); repeat with `force=true` to revoke it anyway""")
	@DeleteMapping("/{clientId}/secrets/{secretId}")
	ResponseEntity<Void> revokeSecret(@AuthenticationPrincipal Jwt token, @PathVariable String clientId,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String secretId,
			@Parameter(description = "Revoke even a recently used secret") @RequestParam(
					defaultValue = "false") boolean force) {
		AppClient app = this.management.find(workspace(token), clientId);
		SecretId id;
		try {
			id = SecretId.parse(secretId);
		}
		catch (IllegalArgumentException ex) {
			throw new SecretNotFound(clientId, new SecretId(new UUID(0, 0)));
		}
		this.rotation.revoke(app, id, force, actor(token));
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler
	ProblemDetail handle(InvalidAppMetadata ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle(ex.aboutRedirectUri() ? "Invalid redirect URI" : "Invalid app metadata");
		String field = ex.getMessage().split(" ")[0];
		problem.setProperty("field", ex.aboutRedirectUri() ? "redirect_uris" : field);
		return problem;
	}

	@ExceptionHandler
	ProblemDetail handle(HttpMessageNotReadableException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body must be a JSON object");
	}

	@ExceptionHandler({ AppNotFound.class, SecretNotFound.class })
	ProblemDetail handleMissing(RuntimeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler({ TooManySecrets.class, AppIsPublic.class })
	ProblemDetail handleConflict(RuntimeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handle(SecretRecentlyUsed ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				ex.getMessage().replace("confirm to revoke it", "repeat with ?force=true to revoke it anyway"));
		problem.setTitle("Secret in use");
		problem.setProperty("last_used_at", ex.secret().lastUsedAt());
		problem.setProperty("last_used_ip", ex.secret().lastUsedIp());
		return problem;
	}

	private static WorkspaceId workspace(Jwt token) {
		String workspace = token.getClaimAsString(WORKSPACE_CLAIM);
		if (workspace == null) {
			throw new AccessDeniedException("The token acts on no workspace");
		}
		return new WorkspaceId(UUID.fromString(workspace));
	}

	private static @Nullable String actor(Jwt token) {
		String user = token.getClaimAsString("user_id");
		return (user != null) ? "user:" + user : "client:" + token.getClaimAsString("client_id");
	}

	private Map<String, Object> secret(SecretSummary secret) {
		Instant now = this.clock.instant();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", secret.id().toString());
		body.put("prefix", secret.prefix());
		body.put("last4", secret.lastFour());
		body.put("created_at", secret.createdAt());
		body.put("last_used_at", secret.lastUsedAt());
		body.put("last_used_ip", secret.lastUsedIp());
		body.put("expires_at", secret.expiresAt());
		body.put("revoked_at", secret.revokedAt());
		body.put("status", (secret.revokedAt() != null) ? "revoked" : secret.activeAt(now) ? "active" : "expired");
		return body;
	}

}
