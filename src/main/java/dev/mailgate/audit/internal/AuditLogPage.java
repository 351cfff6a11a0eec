package dev.mailgate.audit.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of audit events, newest first, and where the next page starts (none after the
 * last page).
 */
record AuditLogPage(List<AuditEntry> entries, @Nullable AuditLogCursor next) {
}
