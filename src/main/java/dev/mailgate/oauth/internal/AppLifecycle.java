package dev.mailgate.oauth.internal;

import dev.mailgate.apps.AppEvents;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Revokes every token of an app that was suspended, in the same transaction: resuming the
 * app later does not bring them back. A client secret reported leaked revokes the
 * client_credentials tokens the app was issued until then, which whoever found it could
 * have asked for.
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

	/**
	 * A leaked secret was live, and the leak report revoked it: any client_credentials
	 * token issued until now may be the finder's. They go in the same transaction; the
	 * app asks for new ones with its other secret, or a new one. The grants of people are
	 * not the secret's to give (each needs the person's consent, and a refresh token
	 * too), so they stay.
	 */
	@EventListener
	void on(AppEvents.CredentialLeaked leaked) {
		if (leaked.revoked() && leaked.clientSecret()) {
			this.authorizations.removeClientCredentialsOf(leaked.app().toString());
		}
	}

}
