package dev.mailgate.apps.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.AppEvents;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's apps, and suspending and resuming them.
 */
@Service
class AppManagement {

	private final JdbcApps apps;

	private final AppRegistry registry;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AppManagement(JdbcApps apps, AppRegistry registry, ApplicationEventPublisher events, Clock clock) {
		this.apps = apps;
		this.registry = registry;
		this.events = events;
		this.clock = clock;
	}

	List<AppClient> inWorkspace(WorkspaceId workspace) {
		return this.apps.inWorkspace(workspace);
	}

	/**
	 * The app with this client id, if it belongs to the workspace: another workspace's
	 * app is as good as missing.
	 */
	AppClient find(WorkspaceId workspace, String clientId) {
		return this.apps.byClientId(clientId)
			.filter((app) -> app.workspace().equals(workspace))
			.orElseThrow(() -> new AppNotFound(clientId));
	}

	/**
	 * Suspends the app: it cannot authenticate, and every token it holds is revoked (by
	 * the authorization server, on the {@link AppEvents.AppSuspended} event).
	 */
	@Transactional
	void suspend(AppClient app, @Nullable String actor) {
		Instant now = this.clock.instant();
		this.apps.setStatus(app.id(), "SUSPENDED", now);
		this.registry.forget(app.clientId());
		this.events.publishEvent(new AppEvents.AppSuspended(app.id(), app.workspace(), app.clientId(), actor, now));
	}

	@Transactional
	void resume(AppClient app, @Nullable String actor) {
		Instant now = this.clock.instant();
		this.apps.setStatus(app.id(), "ACTIVE", now);
		this.registry.forget(app.clientId());
		this.events.publishEvent(new AppEvents.AppResumed(app.id(), app.workspace(), app.clientId(), actor, now));
	}

}
