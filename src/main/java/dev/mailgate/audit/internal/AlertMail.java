package dev.mailgate.audit.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.apps.AppClient;
import dev.mailgate.platform.Mail;

import org.springframework.stereotype.Component;

/**
 * Tells the owners and admins of an app's workspace about a new alert: what happened,
 * what Mailgate did and what to do. Only ids, prefixes and addresses, never a credential.
 */
@Component
class AlertMail {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final Accounts accounts;

	private final Mail mail;

	AlertMail(Accounts accounts, Mail mail) {
		this.accounts = accounts;
		this.mail = mail;
	}

	/**
	 * @return whether the message was handed to the SMTP server
	 */
	boolean send(AppClient app, AlertHit hit, String action, Instant raisedAt) {
		List<String> administrators = this.accounts.administratorEmails(app.workspace());
		if (administrators.isEmpty()) {
			return false;
		}
		return this.mail.send(administrators, "Security alert: %s (%s)".formatted(hit.rule().title(), app.name()), """
				Mailgate raised a %s-severity security alert for the app %s (client ID %s) in your workspace.

				What happened (%s)
				%s.
				%s

				What Mailgate did
				%s

				What to do
				%s

				The alert is under Security > Alerts in Mailgate: acknowledge it there once you have looked into it.
				""".formatted(hit.rule().severity(), app.name(), app.clientId(), TIME.format(raisedAt), hit.summary(),
				hit.detail(), describe(action), hit.rule().advice()));
	}

	static String describe(String action) {
		return "none".equals(action) ? "Nothing on its own: this rule is set to tell you only." : action + ".";
	}

}
