package dev.mailgate.accounts;

import java.util.Optional;

/**
 * What other modules may ask about accounts.
 */
public interface Accounts {

	/**
	 * The workspace of the first platform administrator, where bootstrap resources (such
	 * as the bootstrap service app) belong.
	 */
	Optional<WorkspaceId> bootstrapWorkspace();

}
