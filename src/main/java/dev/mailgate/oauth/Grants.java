package dev.mailgate.oauth;

import dev.mailgate.apps.AppId;

import dev.mailgate.accounts.WorkspaceId;

/**
 * The grants people gave apps (connected apps), as other modules may see them.
 */
public interface Grants {

	/**
	 * How many connected apps (one per person and app) act on the workspace.
	 */
	long activeCount(WorkspaceId workspace);

	/**
	 * Whether anyone in the workspace still grants the app access (a revocation may have
	 * taken the last grant).
	 */
	boolean anyActive(WorkspaceId workspace, AppId app);

	/**
	 * How many connected apps there are in every workspace together, for platform-wide
	 * figures (the security dashboard of platform administrators, the metrics).
	 */
	long totalActiveCount();

}
