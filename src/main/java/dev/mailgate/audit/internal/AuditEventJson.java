package dev.mailgate.audit.internal;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * One audit event in the API.
 */
@Schema(name = "AuditEvent", description = "A security event of the workspace", requiredProperties = { "id", "at",
		"kind", "outcome", "actor", "workspace_id", "app_id", "client_id", "ip", "user_agent", "detail", "count" })
record AuditEventJson(@Schema(description = "Time-ordered (UUIDv7)") UUID id,
		@Schema(description = "When it happened; for `token.issued` and `ratelimit.hit`, the start of the minute "
				+ "counted") Instant at,
		@Schema(description = "What happened", example = "secret.rotated") String kind, @Schema(allowableValues = {
				"success", "failure", "refused" }) String outcome,
		@Schema(types = { "string", "null" }, description = "A person's email, an app's client id, or `system`",
				example = "ada@example.com") @Nullable String actor,
		@Schema(types = { "string", "null" }, format = "uuid") @Nullable UUID workspaceId,
		@Schema(types = { "string", "null" }, format = "uuid",
				description = "The app the event concerns") @Nullable UUID appId,
		@Schema(types = { "string", "null" }, example = "mgapp-2gwcaqg35bjjsog0ijia") @Nullable String clientId,
		@Schema(types = { "string", "null" }, example = "203.0.113.7") @Nullable String ip,
		@Schema(types = { "string", "null" }) @Nullable String userAgent,
		@Schema(types = { "string", "null" }, description = """
				In plain language; for `token.issued` the grant type, for `ratelimit.hit` the limit's name""",
				example = "New client secret mgs_AbCd… for Acme CRM (mgapp-2gwcaqg35bjjsog0ijia); the previous ones "
						+ "work until 5 Dec 2026, 14:00 UTC") @Nullable String detail,
		@Schema(description = "How many events this one stands for: the tokens issued or requests refused in that "
				+ "minute, else 1") int count){

	static AuditEventJson of(AuditEntry entry) {
		return new AuditEventJson(entry.id(), entry.at(), entry.kind(), entry.outcome(), entry.actor(),
				(entry.workspace() != null) ? entry.workspace().value() : null,
				(entry.app() != null) ? entry.app().value() : null, entry.clientId(), entry.ip(), entry.userAgent(),
				entry.detail(), entry.count());
	}

}
