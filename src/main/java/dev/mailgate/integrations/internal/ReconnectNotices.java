package dev.mailgate.integrations.internal;

import java.util.List;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.integrations.IntegrationEvents;
import dev.mailgate.platform.Mail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Emails the person who connected an account when the provider stopped accepting
 * Mailgate's refresh token, with where to connect again. Sent after the status change is
 * committed, off the job that found out.
 */
@Component
class ReconnectNotices {

	private final Accounts accounts;

	private final Mail mail;

	private final String baseUrl;

	ReconnectNotices(Accounts accounts, Mail mail, @Value("${mailgate.issuer:https://localhost:8443}") String issuer) {
		this.accounts = accounts;
		this.mail = mail;
		this.baseUrl = issuer.replaceAll("/+$", "");
	}

	@Async
	@TransactionalEventListener(fallbackExecution = true)
	void on(IntegrationEvents.ReconnectNeeded needed) {
		this.accounts.personById(needed.connectedBy()).ifPresent((person) -> {
			String text = """
					Hello %s,

					%s no longer accepts Mailgate's access to the account you connected, so Mailgate has stopped
					using it: contact syncs, shares and exports with it are paused.

					This happens when the access was revoked at %s, the password there changed, or the access
					expired. To continue, connect the account again (it takes a minute):
					%s/integrations

					Nothing was deleted: once you reconnect, everything carries on where it stopped.
					""".formatted(person.displayName(), needed.providerName(), needed.providerName(), this.baseUrl);
			this.mail.send(List.of(person.email()),
					"Reconnect your %s account in Mailgate".formatted(needed.providerName()), text);
		});
	}

}
