package dev.mailgate.audit.internal;

import dev.mailgate.accounts.WorkspaceId;
import org.jspecify.annotations.Nullable;

/**
 * Who looks at the security pages: an owner or admin of their workspace, or a platform
 * administrator, who may also see every workspace at once. Controllers take it as a
 * parameter ({@link SecurityDashboardViewerArgument}).
 */
record SecurityDashboardViewer(String email, WorkspaceId workspace, String workspaceName, boolean platformAdmin) {

	static final String EVERYWHERE = "all";

	/**
	 * The workspace whose figures to show, or {@code null} for every workspace: only a
	 * platform administrator asking for {@code scope=all} sees everything.
	 */
	@Nullable WorkspaceId scope(String scope) {
		return (this.platformAdmin && EVERYWHERE.equals(scope)) ? null : this.workspace;
	}

}
