package dev.mailgate.webhooks.internal;

import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Whose subscriptions a request works on: the app (the token's {@code client_id}) in the
 * workspace (its {@code workspace_id}).
 */
record WebhookCaller(WorkspaceId workspace, String clientId) {

	static WebhookCaller of(Jwt token) {
		String workspace = token.getClaimAsString("workspace_id");
		String client = token.getClaimAsString("client_id");
		if (workspace == null || client == null) {
			throw new AccessDeniedException("The token names no workspace or app");
		}
		return new WebhookCaller(new WorkspaceId(UUID.fromString(workspace)), client);
	}

}
