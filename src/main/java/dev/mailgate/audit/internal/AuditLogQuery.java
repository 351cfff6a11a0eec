package dev.mailgate.audit.internal;

import java.time.Instant;
import java.util.List;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import org.jspecify.annotations.Nullable;

/**
 * Which audit events to read: a workspace's (and, for a platform administrator, those
 * that belong to no workspace), narrowed by the filters that are set.
 *
 * @param withoutWorkspace whether events of no workspace (an unknown email, an unknown
 * client id) are included too
 * @param kinds the kinds to include; empty for every kind
 * @param actor part of the actor, case does not matter
 * @param ip the beginning of the IP address
 * @param since from this instant on (inclusive)
 * @param until before this instant (exclusive)
 */
record AuditLogQuery(WorkspaceId workspace, boolean withoutWorkspace, List<String> kinds, @Nullable String outcome,
		@Nullable AppId app, @Nullable String clientId, @Nullable String actor, @Nullable String ip,
		@Nullable Instant since, @Nullable Instant until) {

	static AuditLogQuery everything(WorkspaceId workspace, boolean withoutWorkspace) {
		return new AuditLogQuery(workspace, withoutWorkspace, List.of(), null, null, null, null, null, null, null);
	}

}
