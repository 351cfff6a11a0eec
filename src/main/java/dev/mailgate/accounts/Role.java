package dev.mailgate.accounts;

/**
 * What a member may do in a workspace.
 */
public enum Role {

	/** Created the workspace; may do everything, including deleting it. */
	OWNER,

	/** Manages members, apps and connections. */
	ADMIN,

	/** Works with contacts, campaigns and reports. */
	MEMBER;

	public boolean canAdminister() {
		return this != MEMBER;
	}

}
