package dev.mailgate.contacts.internal;

import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What the API learns from the caller's access token: the workspace it works in, and the
 * app, which becomes the consent source of the changes it makes.
 */
record ApiCaller(WorkspaceId workspace, String source) {

	static ApiCaller of(Jwt token) {
		String workspace = token.getClaimAsString("workspace_id");
		if (workspace == null) {
			throw new AccessDeniedException("The token names no workspace");
		}
		String client = token.getClaimAsString("client_id");
		return new ApiCaller(new WorkspaceId(UUID.fromString(workspace)), "api:" + ((client != null) ? client : "app"));
	}

}
