package dev.mailgate.webhooks.internal;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppEvents.AppDeleted;
import dev.mailgate.apps.Apps;
import dev.mailgate.oauth.Grants;
import dev.mailgate.oauth.OAuthEvents.GrantRevoked;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deleted app's subscriptions go with it, and so do an app's subscriptions in a
 * workspace where no one grants it access any more: a revoked app receives nothing more.
 */
@Component
class AppRemovals {

	private final JdbcSubscriptions subscriptions;

	private final WorkspaceSubscriptions cache;

	private final Grants grants;

	private final Apps apps;

	AppRemovals(JdbcSubscriptions subscriptions, WorkspaceSubscriptions cache, Grants grants, Apps apps) {
		this.subscriptions = subscriptions;
		this.cache = cache;
		this.grants = grants;
		this.apps = apps;
	}

	@EventListener
	void on(AppDeleted event) {
		this.subscriptions.deleteOfClient(event.clientId()).forEach(this.cache::changed);
	}

	/**
	 * In the revoking transaction: the subscriptions go with the last grant. The
	 * workspace's own apps (client credentials) need no grant, so theirs stay.
	 */
	@EventListener
	void on(GrantRevoked event) {
		WorkspaceId workspace = event.workspace();
		if (workspace == null || this.grants.anyActive(workspace, event.app())) {
			return;
		}
		boolean own = this.apps.byId(event.app()).map((app) -> app.workspace().equals(workspace)).orElse(false);
		if (!own && this.subscriptions.deleteOf(workspace, event.clientId())) {
			this.cache.changed(workspace);
		}
	}

}
