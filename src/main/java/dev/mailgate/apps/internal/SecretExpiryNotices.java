package dev.mailgate.apps.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.AppId;
import dev.mailgate.platform.Mail;
import dev.mailgate.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Emails a workspace's owners and admins, once per secret, when a client secret of one of
 * its apps will expire within {@link SecretPolicy#NOTICE}. Checked every hour.
 */
@Component
class SecretExpiryNotices {

	private final JdbcClient jdbc;

	private final JdbcApps apps;

	private final Accounts accounts;

	private final Mail mail;

	private final Clock clock;

	SecretExpiryNotices(JdbcClient jdbc, JdbcApps apps, Accounts accounts, Mail mail, Clock clock) {
		this.jdbc = jdbc;
		this.apps = apps;
		this.accounts = accounts;
		this.mail = mail;
		this.clock = clock;
	}

	/**
	 * @return how many secrets were notified about
	 */
	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
	int notifyExpiring() {
		Instant now = this.clock.instant();
		List<Expiring> expiring = this.jdbc.sql("""
				select id, app_id, display_prefix, last_four, expires_at from apps_client_secrets
				where revoked_at is null and expiry_notified_at is null and expires_at > ? and expires_at <= ?""")
			.params(Timestamps.utc(now), Timestamps.utc(now.plus(SecretPolicy.NOTICE)))
			.query((rs, row) -> new Expiring(rs.getObject(1, UUID.class), new AppId(rs.getObject(2, UUID.class)),
					rs.getString(3) + "…" + rs.getString(4), SecretView.format(Timestamps.instant(rs, "expires_at"))))
			.list();
		int notified = 0;
		for (Expiring secret : expiring) {
			AppClient app = this.apps.byId(secret.app()).orElse(null);
			if (app == null) {
				continue;
			}
			List<String> owners = this.accounts.administratorEmails(app.workspace());
			boolean sent = !owners.isEmpty() && this.mail.send(owners,
					"A client secret of %s expires on %s".formatted(app.name(), secret.expires()),
					"""
							The client secret %s of the app %s (client ID %s) stops working on %s.

							Rotate it in the developer portal (Apps > %s > Rotate secret) and deploy the new secret: the app keeps working.
							This is the only reminder for this secret.
							"""
						.formatted(secret.masked(), app.name(), app.clientId(), secret.expires(), app.name()));
			if (sent) {
				this.jdbc.sql("update apps_client_secrets set expiry_notified_at = ? where id = ?")
					.params(Timestamps.utc(now), secret.id())
					.update();
				notified++;
			}
		}
		return notified;
	}

	private record Expiring(UUID id, AppId app, String masked, String expires) {
	}

}
