package dev.mailgate.audit.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import dev.mailgate.platform.PageParameters;
import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.UserId;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.Apps;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit-events}: the workspace's audit log for tokens with scope
 * {@code audit.read} (checked by the API chain) that act for one of its owners or admins,
 * or that one of its own apps got with client credentials.
 */
@RestController
@RequestMapping("/api/v1/audit-events")
@Tag(name = "Audit log", description = "The workspace's security events, as on the audit log page")
class AuditEventsApiController {

	static final int DEFAULT_LIMIT = 100;

	static final int MOST = 500;

	private final AuditLog auditLog;

	private final Accounts accounts;

	private final Apps apps;

	AuditEventsApiController(AuditLog auditLog, Accounts accounts, Apps apps) {
		this.auditLog = auditLog;
		this.accounts = accounts;
		this.apps = apps;
	}

	@Operation(summary = "List the workspace's audit events, newest first", description = """
			Needs a token of one of the workspace's owners or admins, or a client credentials token of one of \
			the workspace's own apps. Issued tokens and rate limit refusals come one event per minute, with \
			`count`.""")
	@ApiResponse(responseCode = "200", description = "A page of events",
			content = @Content(schema = @Schema(implementation = AuditEventsPage.class)))
	@ApiResponse(responseCode = "400",
			description = "A bad `kind`, `outcome`, `since`, `until`, `limit` or `cursor`, named in `field`")
	@ApiResponse(responseCode = "403",
			description = "The token lacks scope `audit.read` (`error=\"insufficient_scope\"`), or acts for a member who "
					+ "is no owner or admin of the workspace")
	@GetMapping
	AuditEventsPage listAuditEvents(@AuthenticationPrincipal Jwt token,
			@Parameter(
					description = "An event kind, or a category: `apps`, `secrets`, `access`, `signins`, "
							+ "`limits`, `alerts`, `integrations`",
					example = "secret.rotated") @RequestParam(required = false) @Nullable String kind,
			@Parameter(description = "How it ended",
					schema = @Schema(allowableValues = { "success", "failure", "refused" })) @RequestParam(
							required = false) @Nullable String outcome,
			@Parameter(description = "Only events of this app", example = "mgapp-2gwcaqg35bjjsog0ijia") @RequestParam(
					name = "client_id", required = false) @Nullable String clientId,
			@Parameter(description = "From this time on (RFC 3339)",
					schema = @Schema(format = "date-time", example = "2026-11-28T00:00:00Z")) @RequestParam(
							required = false) @Nullable String since,
			@Parameter(description = "Before this time (RFC 3339)",
					schema = @Schema(format = "date-time", example = "2026-11-29T00:00:00Z")) @RequestParam(
							required = false) @Nullable String until,
			@Parameter(description = "Events per page",
					schema = @Schema(type = "integer", minimum = "1", maximum = "500",
							defaultValue = "100")) @RequestParam(required = false) @Nullable String limit,
			@Parameter(description = "The `next_cursor` of the page before") @RequestParam(
					required = false) @Nullable String cursor) {
		WorkspaceId workspace = readableWorkspace(token);
		Instant from = instant("since", since);
		Instant to = instant("until", until);
		if (from != null && to != null && !to.isAfter(from)) {
			throw new AuditFilterRejected("until", "until must be later than since");
		}
		AuditLogQuery query = new AuditLogQuery(workspace, false, kinds(kind), outcome(outcome), null,
				AuditLogFilters.blankToNull(clientId), null, null, from, to);
		AuditLogCursor after = (cursor != null && !cursor.isBlank()) ? AuditLogCursor.decode(cursor) : null;
		AuditLogPage page = this.auditLog.page(query, after, limit(limit));
		return new AuditEventsPage(page.entries().stream().map(AuditEventJson::of).toList(),
				(page.next() != null) ? page.next().encode() : null);
	}

	@ExceptionHandler
	ProblemDetail handle(AuditFilterRejected ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid parameter");
		problem.setProperty("field", ex.parameter());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail handle(AuditLogClosed ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
		problem.setTitle("Forbidden");
		return problem;
	}

	/**
	 * The token's workspace, if it may read its audit log.
	 */
	private WorkspaceId readableWorkspace(Jwt token) {
		String claimed = token.getClaimAsString("workspace_id");
		if (claimed == null) {
			throw new AuditLogClosed("The token acts on no workspace");
		}
		WorkspaceId workspace = new WorkspaceId(UUID.fromString(claimed));
		String user = token.getClaimAsString("user_id");
		if (user != null) {
			boolean administers = this.accounts.roleOf(new UserId(UUID.fromString(user)), workspace)
				.map((role) -> role.canAdminister())
				.orElse(false);
			if (!administers) {
				throw new AuditLogClosed("Only the workspace's owners and admins may read its audit log");
			}
			return workspace;
		}
		String clientId = token.getClaimAsString("client_id");
		boolean ownApp = clientId != null
				&& this.apps.byClientId(clientId).map((app) -> app.workspace().equals(workspace)).orElse(false);
		if (!ownApp) {
			throw new AuditLogClosed("Only the workspace's own apps may read its audit log");
		}
		return workspace;
	}

	private static List<String> kinds(@Nullable String kind) {
		String named = AuditLogFilters.blankToNull(kind);
		if (named == null) {
			return List.of();
		}
		return AuditKind.named(named)
			.orElseThrow(() -> new AuditFilterRejected("kind", "kind must be an event kind such as secret.rotated, "
					+ "or a category: apps, secrets, access, signins, limits, alerts or integrations"));
	}

	private static @Nullable String outcome(@Nullable String outcome) {
		String named = AuditLogFilters.blankToNull(outcome);
		if (named == null) {
			return null;
		}
		return AuditOutcome.of(named)
			.map(AuditOutcome::value)
			.orElseThrow(() -> new AuditFilterRejected("outcome", "outcome must be success, failure or refused"));
	}

	private static @Nullable Instant instant(String name, @Nullable String value) {
		String time = AuditLogFilters.blankToNull(value);
		if (time == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(time).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new AuditFilterRejected(name,
					name + " must be a date and time with its offset (RFC 3339), such as 2026-11-28T00:00:00Z");
		}
	}

	private static int limit(@Nullable String limit) {
		return PageParameters.limit(limit, DEFAULT_LIMIT, MOST,
				() -> new AuditFilterRejected("limit", "limit must be a whole number from 1 to " + MOST));
	}

}
