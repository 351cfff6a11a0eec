package dev.mailgate.audit.internal;

import jakarta.servlet.http.HttpServletRequest;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceMember;
import dev.mailgate.platform.ErrorDetail;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Finds who reads the audit log page, as the contact pages find the signed-in person
 * (their sign-in email, their default workspace, their role in it), and refuses members.
 */
@Component
class AuditLogViewers {

	static final String PLATFORM_ADMINISTRATOR = "ROLE_ADMIN";

	private final Accounts accounts;

	AuditLogViewers(Accounts accounts) {
		this.accounts = accounts;
	}

	/**
	 * @throws AccessDeniedException for a member of the workspace, or anyone without one,
	 * with what the error page tells them
	 */
	AuditViewer of(Authentication authentication, HttpServletRequest request) {
		WorkspaceMember member = this.accounts.memberByEmail(authentication.getName())
			.orElseThrow(() -> new AccessDeniedException("No account or no workspace"));
		boolean platformAdministrator = authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> PLATFORM_ADMINISTRATOR.equals(authority.getAuthority()));
		if (!member.administers() && !platformAdministrator) {
			ErrorDetail.attach(request,
					"Only the owners and admins of your workspace see its audit log. Ask one of them for what you need.");
			throw new AccessDeniedException("Only the workspace's owners and admins see its audit log");
		}
		return new AuditViewer(member.workspace(), platformAdministrator);
	}

}
