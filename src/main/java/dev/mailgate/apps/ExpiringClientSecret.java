package dev.mailgate.apps;

import java.time.Instant;

import dev.mailgate.accounts.WorkspaceId;

/**
 * An active client secret that stops working soon, for dashboards and warnings: never the
 * secret itself, only its masked form ({@code mgs_AbCd…wxyz}).
 */
public record ExpiringClientSecret(AppId app, WorkspaceId workspace, String appName, String clientId,
		String maskedSecret, Instant expiresAt) {
}
