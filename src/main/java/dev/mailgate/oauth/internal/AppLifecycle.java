package dev.mailgate.oauth.internal;

import dev.mailgate.apps.AppEvents;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Revokes every token of an app that was suspended, in the same transaction: resuming the
 * app later does not bring them back.
 */
@Component
class AppLifecycle {

	private final HashedAuthorizationService authorizations;

	AppLifecycle(HashedAuthorizationService authorizations) {
		this.authorizations = authorizations;
	}

	@EventListener
	void on(AppEvents.AppSuspended suspended) {
		this.authorizations.removeAllOf(suspended.app().toString());
	}

}
