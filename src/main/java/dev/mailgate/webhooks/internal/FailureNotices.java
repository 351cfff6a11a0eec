package dev.mailgate.webhooks.internal;

import java.util.List;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.Apps;
import dev.mailgate.platform.Mail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells the owners and admins of an app's workspace that one of its webhook subscriptions
 * was disabled.
 */
@Component
class FailureNotices {

	private final Apps apps;

	private final Accounts accounts;

	private final Mail mail;

	private final String issuer;

	FailureNotices(Apps apps, Accounts accounts, Mail mail, @Value("${mailgate.issuer:}") String issuer) {
		this.apps = apps;
		this.accounts = accounts;
		this.mail = mail;
		this.issuer = issuer;
	}

	void disabled(Subscription subscription, int failures) {
		AppClient app = this.apps.byClientId(subscription.clientId()).orElse(null);
		if (app == null) {
			return;
		}
		List<String> to = this.accounts.administratorEmails(app.workspace());
		if (to.isEmpty()) {
			return;
		}
		this.mail.send(to, "Webhook disabled: " + app.name(), """
				Mailgate disabled a webhook subscription of your app %s after %d deliveries in a row failed.

				Endpoint: %s
				Subscription: %s

				Mailgate stops sending to it until it is enabled again. Fix the endpoint, then enable it with
				PATCH /api/v1/webhooks/%s {"enabled": true}. The delivery log, with each attempt's response:
				%s/apps/%s/webhooks
				""".formatted(app.name(), failures, subscription.url(), subscription.id(), subscription.id(),
				this.issuer, app.clientId()));
	}

}
