package dev.mailgate.audit.internal;

import java.time.Instant;
import java.util.function.UnaryOperator;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppEvents;
import dev.mailgate.apps.AppId;
import dev.mailgate.audit.AlertRaised;
import dev.mailgate.ratelimit.AppLimitChanged;
import dev.mailgate.ratelimit.RateLimitStoreDown;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records what happens to apps and their secrets, once it is committed (or at once when
 * it happened outside a transaction). Each event belongs to the workspace that owns the
 * app.
 */
@Component
class AuditRecorderApps {

	private final AuditRecorder recorder;

	private final AuditRecorderContext context;

	AuditRecorderApps(AuditRecorder recorder, AuditRecorderContext context) {
		this.recorder = recorder;
		this.context = context;
	}

	@EventListener
	void on(AppEvents.AppRegistered event) {
		app(AuditKind.APP_REGISTERED, event.app(), event.workspace(), event.clientId(), event.actor(), event.at(),
				(app) -> app + " registered");
	}

	@EventListener
	void on(AppEvents.AppUpdated event) {
		app(AuditKind.APP_UPDATED, event.app(), event.workspace(), event.clientId(), event.actor(), event.at(),
				(app) -> "Settings of " + app + " changed");
	}

	@EventListener
	void on(AppEvents.AppDeleted event) {
		app(AuditKind.APP_DELETED, event.app(), event.workspace(), event.clientId(), event.actor(), event.at(),
				(app) -> app + " deleted, with every token it held");
	}

	@EventListener
	void on(AppEvents.AppSuspended event) {
		app(AuditKind.APP_SUSPENDED, event.app(), event.workspace(), event.clientId(), event.actor(), event.at(),
				(app) -> app + " suspended; every token it held was revoked");
	}

	@EventListener
	void on(AppEvents.AppResumed event) {
		app(AuditKind.APP_RESUMED, event.app(), event.workspace(), event.clientId(), event.actor(), event.at(),
				(app) -> app + " resumed; it may ask for tokens again");
	}

	@EventListener
	void on(AppEvents.SecretCreated event) {
		app(AuditKind.SECRET_CREATED, event.app(), null, event.clientId(), event.actor(), event.at(),
				(app) -> "Client secret " + event.secretPrefix() + "… of " + app + " created");
	}

	@EventListener
	void on(AppEvents.SecretRotated event) {
		String previous = event.previousValidUntil().isAfter(event.at())
				? "the previous ones work until " + AuditLogView.time(event.previousValidUntil())
				: "the previous ones were revoked";
		app(AuditKind.SECRET_ROTATED, event.app(), null, event.clientId(), event.actor(), event.at(),
				(app) -> "New client secret " + event.secretPrefix() + "… for " + app + "; " + previous);
	}

	@EventListener
	void on(AppEvents.SecretRevoked event) {
		app(AuditKind.SECRET_REVOKED, event.app(), null, event.clientId(), event.actor(), event.at(),
				(app) -> "Client secret " + event.secretPrefix() + "… of " + app + " revoked");
	}

	@EventListener
	void on(AppEvents.SecretExpired event) {
		app(AuditKind.SECRET_EXPIRED, event.app(), null, event.clientId(), AuditEntry.SYSTEM, event.at(),
				(app) -> "Client secret " + event.secretPrefix() + "… of " + app + " expired");
	}

	@EventListener
	void on(AppEvents.CredentialLeaked event) {
		String where = (event.sourceUrl() != null) ? " at " + event.sourceUrl() : "";
		String result = event.revoked() ? "; it was revoked at once" : "; it no longer worked";
		app(AuditKind.SECRET_LEAKED, event.app(), null, event.clientId(), event.reporter(), event.at(),
				(app) -> "Credential " + event.credentialPrefix() + "… of " + app + " reported public by "
						+ event.reporter() + where + result);
	}

	@EventListener
	void on(AppEvents.RetiredSecretPresented event) {
		this.recorder.record(AuditKind.SECRET_RETIRED_USED,
				() -> entry(AuditKind.SECRET_RETIRED_USED, event.app(), null, event.clientId(), event.clientId(),
						event.at(),
						(app) -> "Client secret " + event.secretPrefix() + "… of " + app
								+ " was presented, though it stopped working on " + AuditLogView.time(event.endedAt()))
					.withOrigin(this.context.ip(event.address()), this.context.userAgent(null)));
	}

	/**
	 * An alert rule's own line, so that the log tells what Mailgate did next to what
	 * provoked it.
	 */
	@EventListener
	void on(AlertRaised event) {
		this.recorder.record(AuditKind.ALERT_RAISED,
				() -> AuditEntry.of(AuditKind.ALERT_RAISED, event.at())
					.withActor("system")
					.withWorkspace(event.workspace())
					.withApp(event.app(), event.clientId())
					.withDetail(event.summary() + " (" + event.rule() + "; action: " + event.action() + ")"));
	}

	/**
	 * An operator's change to an app's own budgets (an admin action).
	 */
	@EventListener
	void on(AppLimitChanged event) {
		this.recorder.record(AuditKind.RATELIMIT_CHANGED,
				() -> AuditEntry.of(AuditKind.RATELIMIT_CHANGED, event.at())
					.withActor(this.context.actor(event.operator()))
					.withApp(null, event.clientId())
					.withOrigin(this.context.ip(null), this.context.userAgent(null))
					.withDetail(event.cleared() ? "Rate limits of " + event.clientId() + " back to the defaults"
							: "Rate limits of %s set: token endpoint %s, API %s".formatted(event.clientId(),
									(event.tokenEndpoint() != null) ? event.tokenEndpoint() : "default",
									(event.api() != null) ? event.api() : "default")));
	}

	/**
	 * Redis, where the nodes share their rate limits, stopped answering: the limits fail
	 * open (no limit at all) or closed (503) until it is back, which operators need to
	 * know.
	 */
	@EventListener
	void on(RateLimitStoreDown event) {
		this.recorder.record(AuditKind.RATELIMIT_STORE_DOWN, () -> AuditEntry
			.of(AuditKind.RATELIMIT_STORE_DOWN, event.at())
			.withActor("system")
			.withDetail(event.failingOpen()
					? "The rate limit store (Redis) cannot be reached: requests go through without rate limits until it answers again"
					: "The rate limit store (Redis) cannot be reached: requests are refused with 503 until it answers again"));
	}

	private void app(AuditKind kind, AppId app, @Nullable WorkspaceId workspace, String clientId,
			@Nullable String actor, Instant at, UnaryOperator<String> detail) {
		this.recorder.record(kind, () -> entry(kind, app, workspace, clientId, actor, at, detail)
			.withOrigin(this.context.ip(null), this.context.userAgent(null)));
	}

	/**
	 * @param detail what happened, given the app as a person recognises it
	 */
	private AuditEntry entry(AuditKind kind, AppId app, @Nullable WorkspaceId workspace, String clientId,
			@Nullable String actor, Instant at, UnaryOperator<String> detail) {
		return AuditEntry.of(kind, at)
			.withActor(this.context.actor(actor))
			.withWorkspace((workspace != null) ? workspace : this.context.appWorkspace(app))
			.withApp(app, clientId)
			.withDetail(detail.apply(this.context.appLabel(app, clientId)));
	}

}
