package dev.mailgate.accounts.internal;

import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.platform.DatabaseOutage;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the signed-in user (or nothing), and whether they administer their
 * workspace, for the layout's header.
 */
@ControllerAdvice
class CurrentUser {

	private final JdbcAccounts accounts;

	CurrentUser(JdbcAccounts accounts) {
		this.accounts = accounts;
	}

	@ModelAttribute("currentUser")
	@Nullable SignedInUser currentUser(@AuthenticationPrincipal @Nullable SignedInUser user) {
		return user;
	}

	/**
	 * Whether the signed-in user is an owner or admin of their workspace, who sees the
	 * security pages. While the database is away: no, so that the error page still shows.
	 */
	@ModelAttribute("currentUserAdministers")
	boolean administers(@AuthenticationPrincipal @Nullable SignedInUser user) {
		if (user == null) {
			return false;
		}
		try {
			return this.accounts.memberByEmail(user.email()).map(WorkspaceMember::administers).orElse(false);
		}
		catch (RuntimeException ex) {
			if (!DatabaseOutage.causedBy(ex)) {
				throw ex;
			}
			// the error page that says the database is away must not need it
			return false;
		}
	}

}
