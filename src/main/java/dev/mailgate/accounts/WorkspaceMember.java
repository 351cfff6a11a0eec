package dev.mailgate.accounts;

/**
 * A person in the workspace they work in by default (the first one they joined), with
 * their role there: who a signed-in page or a person's token acts for.
 */
public record WorkspaceMember(Person person, WorkspaceId workspace, String workspaceName, Role role) {

	/**
	 * Whether they own or administer the workspace.
	 */
	public boolean administers() {
		return this.role.canAdminister();
	}

}
