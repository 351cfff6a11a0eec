package dev.mailgate.audit.internal;

import dev.mailgate.accounts.WorkspaceId;

/**
 * Who reads the audit log page: an owner or admin of the workspace whose events they see,
 * and whether they administer the platform, which shows them the events that belong to no
 * workspace too.
 */
record AuditViewer(WorkspaceId workspace, boolean platformAdministrator) {
}
