package dev.mailgate.accounts;

import java.util.List;
import java.util.Optional;

/**
 * What other modules may ask about accounts.
 */
public interface Accounts {

	/**
	 * The cache of each person's default workspace, for
	 * {@link dev.mailgate.platform.CacheEvictions}: a change of a person's memberships
	 * evicts their id.
	 */
	String DEFAULT_WORKSPACES = "accounts.default-workspace";

	/**
	 * The workspace of the first platform administrator, where bootstrap resources (such
	 * as the bootstrap service app) belong.
	 */
	Optional<WorkspaceId> bootstrapWorkspace();

	/**
	 * The person with this sign-in email (case does not matter).
	 */
	Optional<Person> personByEmail(String email);

	/**
	 * The person with this sign-in email in their default workspace, with their role:
	 * what a signed-in page needs to know of its visitor.
	 */
	Optional<WorkspaceMember> memberByEmail(String email);

	/**
	 * The person with this id, such as the one an access token's {@code user_id} names.
	 */
	Optional<Person> personById(UserId user);

	/**
	 * The workspace a person works in by default: the first one they joined.
	 */
	Optional<WorkspaceId> defaultWorkspaceOf(UserId user);

	Optional<String> workspaceName(WorkspaceId workspace);

	/**
	 * The person's role in the workspace, if they belong to it.
	 */
	Optional<Role> roleOf(UserId user, WorkspaceId workspace);

	/**
	 * The email addresses of the workspace's owners and admins, who hear about its apps.
	 */
	List<String> administratorEmails(WorkspaceId workspace);

}
