package dev.mailgate.apps.internal;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.apps.AppEvents;
import dev.mailgate.platform.Mail;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells a workspace's owners and admins by email, after the revocation is committed, that
 * a secret scanner found one of their app's credentials in public.
 */
@Component
class LeakNotices {

	private final JdbcApps apps;

	private final Accounts accounts;

	private final Mail mail;

	LeakNotices(JdbcApps apps, Accounts accounts, Mail mail) {
		this.apps = apps;
		this.accounts = accounts;
		this.mail = mail;
	}

	@ApplicationModuleListener
	void on(AppEvents.CredentialLeaked leaked) {
		this.apps.byId(leaked.app()).ifPresent((app) -> {
			var owners = this.accounts.administratorEmails(app.workspace());
			if (owners.isEmpty()) {
				return;
			}
			this.mail.send(owners, "A credential of %s was found in public".formatted(app.name()), """
					A secret scanner (%s) reported the credential %s… of the app %s (client ID %s)%s.
					%s

					Find out how it leaked, then rotate the app's secret in the developer portal.
					""".formatted(leaked.reporter(), leaked.credentialPrefix(), app.name(), app.clientId(),
					(leaked.sourceUrl() != null) ? " at " + leaked.sourceUrl() : "", outcome(leaked)));
		});
	}

	private static String outcome(AppEvents.CredentialLeaked leaked) {
		if (!leaked.revoked()) {
			return "It was no longer active.";
		}
		if (leaked.clientSecret()) {
			return "Mailgate revoked it at once: it no longer works, and neither do the client_credentials tokens "
					+ "the app was issued before the report. Ask for new ones with another secret.";
		}
		return "Mailgate revoked it at once: it no longer works.";
	}

}
