package dev.mailgate.oauth.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.Person;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.Apps;
import dev.mailgate.oauth.OAuthEvents;
import dev.mailgate.platform.Mail;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Emails a person when an app is newly connected to their account, with what it may do
 * and where to revoke it: if it was not them, they find out at once. Sent after the
 * consent is committed, off the request (the browser is on its way back to the app).
 */
@Component
class ConnectedAppNotices {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm 'UTC'",
			Locale.ENGLISH);

	private final Apps apps;

	private final Accounts accounts;

	private final ScopeCatalog scopes;

	private final IssuerProperties issuer;

	private final Mail mail;

	ConnectedAppNotices(Apps apps, Accounts accounts, ScopeCatalog scopes, IssuerProperties issuer, Mail mail) {
		this.apps = apps;
		this.accounts = accounts;
		this.scopes = scopes;
		this.issuer = issuer;
		this.mail = mail;
	}

	@Async
	@TransactionalEventListener(fallbackExecution = true)
	void on(OAuthEvents.ConsentGranted granted) {
		if (!granted.firstTime()) {
			return;
		}
		AppClient app = this.apps.byId(granted.app()).orElse(null);
		Person person = this.accounts.personByEmail(granted.person()).orElse(null);
		if (app == null || person == null) {
			return;
		}
		String developer = this.accounts.workspaceName(app.workspace()).orElse("its developer");
		String may = this.scopes.describe(granted.scopes(), Locale.ENGLISH)
			.stream()
			.map((scope) -> "- " + scope.title())
			.collect(Collectors.joining("\n"));
		String text = """
				Hello %s,

				%s (by %s) was connected to your Mailgate account on %s. It may now:

				%s

				If this was not you, or you no longer use it, revoke its access on your connected apps page:
				%s/connected-apps

				Revoking stops every token the app holds for you at once.
				""".formatted(person.displayName(), app.name(), developer,
				WHEN.format(granted.at().atZone(ZoneOffset.UTC)), may.isEmpty() ? "- sign you in" : may,
				this.issuer.trimmed());
		this.mail.send(List.of(person.email()), "New app connected to your Mailgate account: " + app.name(), text);
	}

}
