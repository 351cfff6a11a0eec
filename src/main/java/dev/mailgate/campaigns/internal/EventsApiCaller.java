package dev.mailgate.campaigns.internal;

import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The workspace an access token acts on, for the reports and events API.
 */
final class EventsApiCaller {

	private EventsApiCaller() {
	}

	static WorkspaceId workspace(Jwt token) {
		String workspace = token.getClaimAsString("workspace_id");
		if (workspace == null) {
			throw new AccessDeniedException("The token names no workspace");
		}
		return new WorkspaceId(UUID.fromString(workspace));
	}

}
