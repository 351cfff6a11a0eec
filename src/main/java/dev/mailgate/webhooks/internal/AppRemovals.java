package dev.mailgate.webhooks.internal;

import dev.mailgate.apps.AppEvents.AppDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deleted app's subscriptions go with it, and nothing more is sent to them.
 */
@Component
class AppRemovals {

	private final JdbcSubscriptions subscriptions;

	private final WorkspaceSubscriptions cache;

	AppRemovals(JdbcSubscriptions subscriptions, WorkspaceSubscriptions cache) {
		this.subscriptions = subscriptions;
		this.cache = cache;
	}

	@EventListener
	void on(AppDeleted event) {
		this.subscriptions.deleteOfClient(event.clientId()).forEach(this.cache::changed);
	}

}
