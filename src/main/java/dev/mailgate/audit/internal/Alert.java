package dev.mailgate.audit.internal;

import java.time.Instant;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import org.jspecify.annotations.Nullable;

/**
 * An alert as stored ({@code audit_alerts}).
 *
 * @param hits how many events it took in: further hits while it is open add to them
 * @param actionTaken what Mailgate did about it, once it did
 */
record Alert(UUID id, Instant raisedAt, String rule, String severity, @Nullable WorkspaceId workspace,
		@Nullable AppId app, @Nullable String clientId, String summary, @Nullable String detail, int hits,
		@Nullable String actionTaken, @Nullable Instant acknowledgedAt, @Nullable String acknowledgedBy) {

	boolean open() {
		return this.acknowledgedAt == null;
	}

}
