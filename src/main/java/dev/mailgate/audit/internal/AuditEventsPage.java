package dev.mailgate.audit.internal;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A page of {@code GET /api/v1/audit-events}; JSON names are snake_case.
 */
@Schema(name = "AuditEventPage", requiredProperties = { "data", "next_cursor" })
record AuditEventsPage(List<AuditEventJson> data, @Schema(types = {
		"string", "null" },
		description = "Send it as `cursor` for the next page; null on the last page") @Nullable String nextCursor){
}
