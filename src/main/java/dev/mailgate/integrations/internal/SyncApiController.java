package dev.mailgate.integrations.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.integrations.ConnectionId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/integrations}: the workspace's connected accounts (never their tokens)
 * and their contact sync runs, for scripts and {@code ./mailgate sync}. Scope
 * {@code integrations.manage}.
 */
@RestController
@RequestMapping("/api/v1/integrations")
@Tag(name = "Integrations", description = "Connected accounts and contact sync runs (docs/contact-sync.md)")
class SyncApiController {

	static final String NO_CONNECTION = "No such connection in your workspace";

	private final JdbcConnections connections;

	private final SyncConfiguration configuration;

	private final SyncRuns runs;

	private final SyncEnd end;

	SyncApiController(JdbcConnections connections, SyncConfiguration configuration, SyncRuns runs, SyncEnd end) {
		this.connections = connections;
		this.configuration = configuration;
		this.runs = runs;
		this.end = end;
	}

	@Operation(summary = "List the workspace's connected accounts")
	@ApiResponse(responseCode = "200", description = "`{\"data\": [...], \"next_cursor\": null}`")
	@GetMapping("/connections")
	Map<String, @Nullable Object> listConnections(@AuthenticationPrincipal Jwt token) {
		List<Map<String, @Nullable Object>> data = this.connections.inWorkspace(workspace(token))
			.stream()
			.map(this::connection)
			.toList();
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("data", data);
		json.put("next_cursor", null);
		return json;
	}

	@Operation(summary = "Start a contact sync of a connection",
			description = "Answers the run going, if one is: a connection syncs one run at a time.")
	@ApiResponse(responseCode = "202", description = "The run, started or already going; poll its `Location`")
	@ApiResponse(responseCode = "404", description = NO_CONNECTION)
	@ApiResponse(responseCode = "409",
			description = "The connection needs reconnecting, or its provider has no contacts to sync")
	@PostMapping("/connections/{id}/sync-runs")
	ResponseEntity<Map<String, @Nullable Object>> startSync(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id,
			@Parameter(description = "Who asks, for the run's history",
					schema = @Schema(allowableValues = { "api", "cli" })) @RequestParam(name = "started_by",
							required = false) @Nullable String startedBy) {
		Connection connection = this.connections.find(workspace(token), connectionId(id))
			.orElseThrow(() -> new SyncConnectionNotFound(id));
		if (this.configuration.source(connection).isEmpty()) {
			throw new SyncNotPossible("Mailgate cannot import contacts from %s (a %s provider)"
				.formatted(connection.provider().name(), connection.provider().type().label()));
		}
		SyncRun run = this.runs.start(connection.id(), "cli".equals(startedBy) ? "cli" : "api");
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/v1/integrations/sync-runs/" + run.id()))
			.body(SyncRunJson.write(run));
	}

	@Operation(summary = "Show a sync run: its status, progress and summary")
	@ApiResponse(responseCode = "200", description = "The run")
	@ApiResponse(responseCode = "404", description = "No such run in your workspace")
	@GetMapping("/sync-runs/{id}")
	Map<String, @Nullable Object> showSyncRun(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id) {
		return this.runs.find(workspace(token), uuid(id))
			.map(SyncRunJson::write)
			.orElseThrow(() -> new SyncConnectionNotFound.Run(id));
	}

	@Operation(summary = "Cancel a sync run that is queued, running or waiting",
			description = "The contacts it brought in so far stay; the next run asks again for the rest.")
	@ApiResponse(responseCode = "200", description = "The run, cancelled")
	@ApiResponse(responseCode = "404", description = "No such run in your workspace")
	@ApiResponse(responseCode = "409", description = "The run had already ended")
	@PostMapping("/sync-runs/{id}/cancel")
	Map<String, @Nullable Object> cancelSyncRun(@AuthenticationPrincipal Jwt token,
			@Parameter(schema = @Schema(format = "uuid")) @PathVariable String id) {
		WorkspaceId workspace = workspace(token);
		SyncRun run = this.runs.find(workspace, uuid(id)).orElseThrow(() -> new SyncConnectionNotFound.Run(id));
		if (!this.end.cancelled(run.id())) {
			throw new SyncNotPossible("Sync run %s already ended (%s)".formatted(id, run.status().value()));
		}
		return this.runs.find(workspace, run.id()).map(SyncRunJson::write).orElseThrow();
	}

	private Map<String, @Nullable Object> connection(Connection connection) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("id", connection.id().toString());
		json.put("provider", Map.of("id", connection.provider().id().toString(), "name", connection.provider().name(),
				"type", connection.provider().type().value()));
		json.put("status", connection.status().value());
		json.put("account_label", connection.accountLabel());
		json.put("contact_sync", this.configuration.source(connection).isPresent());
		json.put("created_at", connection.createdAt().toString());
		return json;
	}

	private static WorkspaceId workspace(Jwt token) {
		String workspace = token.getClaimAsString("workspace_id");
		if (workspace == null) {
			throw new AccessDeniedException("The token names no workspace");
		}
		return new WorkspaceId(UUID.fromString(workspace));
	}

	private static ConnectionId connectionId(String id) {
		try {
			return new ConnectionId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw new SyncConnectionNotFound(id);
		}
	}

	private static UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new SyncConnectionNotFound.Run(id);
		}
	}

}
