package dev.mailgate.audit.internal;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppClient;
import org.jspecify.annotations.Nullable;

/**
 * An alert as the security pages show it.
 *
 * @param appLink whether the app's page is the viewer's to open (apps of their workspace)
 * @param acknowledged who acknowledged it and when, or {@code null} while it is open
 */
record AlertView(String id, String rule, String title, String severity, String appName, @Nullable String clientId,
		boolean appLink, String summary, @Nullable String detail, int hits, String action, String advice, String raised,
		@Nullable String acknowledged) {

	static AlertView of(Alert alert, @Nullable AppClient app, WorkspaceId viewerWorkspace) {
		AlertRule rule = AlertRule.byId(alert.rule()).orElse(null);
		String appName = (app != null) ? app.name()
				: (alert.clientId() != null) ? alert.clientId() + " (deleted)" : "No app";
		String acknowledged = (alert.acknowledgedAt() != null) ? "Acknowledged by %s on %s"
			.formatted(alert.acknowledgedBy(), AlertMail.TIME.format(alert.acknowledgedAt())) : null;
		return new AlertView(alert.id().toString(), alert.rule(), (rule != null) ? rule.title() : alert.rule(),
				alert.severity(), appName, alert.clientId(), app != null && app.workspace().equals(viewerWorkspace),
				alert.summary(), alert.detail(), alert.hits(),
				AlertMail.describe((alert.actionTaken() != null) ? alert.actionTaken() : "none"),
				(rule != null) ? rule.advice() : "", AlertMail.TIME.format(alert.raisedAt()), acknowledged);
	}

	public boolean open() {
		return this.acknowledged == null;
	}

}
