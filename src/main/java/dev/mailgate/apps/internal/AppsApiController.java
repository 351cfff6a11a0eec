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
class AppsApiController {

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

	@PostMapping
	ResponseEntity<Map<String, Object>> registerApp(@AuthenticationPrincipal Jwt token,
			@RequestBody Map<String, Object> metadata) {
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

	@GetMapping("/policy")
	Map<String, Object> showSecretPolicy(@AuthenticationPrincipal Jwt token) {
		Map<String, Object> policy = new LinkedHashMap<>();
		policy.put("max_secret_age_days", this.policy.maxAge(workspace(token)).map(Duration::toDays).orElse(null));
		return policy;
	}

	@PutMapping("/policy")
	Map<String, Object> setSecretPolicy(@AuthenticationPrincipal Jwt token, @RequestBody Map<String, Object> body) {
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

	@GetMapping("/{clientId}")
	Map<String, Object> showApp(@AuthenticationPrincipal Jwt token, @PathVariable String clientId) {
		return ClientMetadata.describe(this.management.find(workspace(token), clientId));
	}

	@PutMapping("/{clientId}")
	Map<String, Object> updateApp(@AuthenticationPrincipal Jwt token, @PathVariable String clientId,
			@RequestBody Map<String, Object> metadata) {
		AppClient app = this.management.find(workspace(token), clientId);
		return ClientMetadata.describe(this.registry.update(app.id(), ClientMetadata.toNewApp(metadata)));
	}

	@DeleteMapping("/{clientId}")
	ResponseEntity<Void> deleteApp(@AuthenticationPrincipal Jwt token, @PathVariable String clientId) {
		this.registry.delete(this.management.find(workspace(token), clientId).id());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{clientId}/suspend")
	Map<String, Object> suspendApp(@AuthenticationPrincipal Jwt token, @PathVariable String clientId) {
		AppClient app = this.management.find(workspace(token), clientId);
		this.management.suspend(app, actor(token));
		return ClientMetadata.describe(this.management.find(workspace(token), clientId));
	}

	@PostMapping("/{clientId}/resume")
	Map<String, Object> resumeApp(@AuthenticationPrincipal Jwt token, @PathVariable String clientId) {
		AppClient app = this.management.find(workspace(token), clientId);
		this.management.resume(app, actor(token));
		return ClientMetadata.describe(this.management.find(workspace(token), clientId));
	}

	@GetMapping("/{clientId}/secrets")
	Map<String, Object> listSecrets(@AuthenticationPrincipal Jwt token, @PathVariable String clientId) {
		AppClient app = this.management.find(workspace(token), clientId);
		return Map.of("data", this.rotation.secretsOf(app).stream().map(this::secret).toList());
	}

	@PostMapping("/{clientId}/secrets")
	ResponseEntity<Map<String, Object>> rotateSecret(@AuthenticationPrincipal Jwt token, @PathVariable String clientId,
			@RequestBody(required = false) @Nullable Map<String, Object> body) {
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

	@DeleteMapping("/{clientId}/secrets/{secretId}")
	ResponseEntity<Void> revokeSecret(@AuthenticationPrincipal Jwt token, @PathVariable String clientId,
			@PathVariable String secretId, @RequestParam(defaultValue = "false") boolean force) {
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
