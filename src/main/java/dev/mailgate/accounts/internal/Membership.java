package dev.mailgate.accounts.internal;

import dev.mailgate.accounts.Role;
import dev.mailgate.accounts.WorkspaceId;

/**
 * A workspace a user belongs to, with their role in it.
 */
public record Membership(WorkspaceId workspace, String workspaceName, Role role) {
}
