package dev.mailgate.audit.internal;

import java.time.Instant;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import dev.mailgate.platform.TimeOrderedIds;
import org.jspecify.annotations.Nullable;

/**
 * One row of the audit log.
 *
 * @param kind such as {@code app.registered} ({@link AuditKind}); others may write kinds
 * of their own
 * @param outcome {@code success}, {@code failure} or {@code refused}
 * @param actor who acted: a person's email, an app's client id, or {@code system}
 * @param detail what happened, in plain language; never a credential
 * @param count how many events the row stands for (aggregated kinds), else 1
 */
record AuditEntry(UUID id, Instant at, String kind, String outcome, @Nullable String actor,
		@Nullable WorkspaceId workspace, @Nullable AppId app, @Nullable String clientId, @Nullable String ip,
		@Nullable String userAgent, @Nullable String detail, int count) {

	static final String SYSTEM = "system";

	/**
	 * A new entry of this kind, with the kind's outcome and nothing else known yet.
	 */
	static AuditEntry of(AuditKind kind, Instant at) {
		return new AuditEntry(TimeOrderedIds.next(at), at, kind.value(), kind.outcome().value(), null, null, null, null,
				null, null, null, 1);
	}

	AuditEntry withActor(@Nullable String actor) {
		return new AuditEntry(this.id, this.at, this.kind, this.outcome, actor, this.workspace, this.app, this.clientId,
				this.ip, this.userAgent, this.detail, this.count);
	}

	AuditEntry withWorkspace(@Nullable WorkspaceId workspace) {
		return new AuditEntry(this.id, this.at, this.kind, this.outcome, this.actor, workspace, this.app, this.clientId,
				this.ip, this.userAgent, this.detail, this.count);
	}

	AuditEntry withApp(@Nullable AppId app, @Nullable String clientId) {
		return new AuditEntry(this.id, this.at, this.kind, this.outcome, this.actor, this.workspace, app, clientId,
				this.ip, this.userAgent, this.detail, this.count);
	}

	AuditEntry withOrigin(@Nullable String ip, @Nullable String userAgent) {
		return new AuditEntry(this.id, this.at, this.kind, this.outcome, this.actor, this.workspace, this.app,
				this.clientId, ip, userAgent, this.detail, this.count);
	}

	AuditEntry withDetail(@Nullable String detail) {
		return new AuditEntry(this.id, this.at, this.kind, this.outcome, this.actor, this.workspace, this.app,
				this.clientId, this.ip, this.userAgent, detail, this.count);
	}

	AuditEntry withCount(int count) {
		return new AuditEntry(this.id, this.at, this.kind, this.outcome, this.actor, this.workspace, this.app,
				this.clientId, this.ip, this.userAgent, this.detail, count);
	}

	/**
	 * The entry cut to the columns' sizes.
	 */
	AuditEntry fitted() {
		return new AuditEntry(this.id, this.at, this.kind, this.outcome, cut(this.actor, 400), this.workspace, this.app,
				cut(this.clientId, 200), cut(this.ip, 64), cut(this.userAgent, 400), cut(this.detail, 2000),
				this.count);
	}

	private static @Nullable String cut(@Nullable String value, int length) {
		return (value == null || value.length() <= length) ? value : value.substring(0, length - 1) + "…";
	}

}
