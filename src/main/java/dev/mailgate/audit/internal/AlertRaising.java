package dev.mailgate.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.AppId;
import dev.mailgate.apps.Apps;
import dev.mailgate.audit.AlertRaised;
import dev.mailgate.platform.TimeOrderedIds;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Turns a rule's hit into an alert: more hits on the open alert of that rule and app, or
 * a new alert that is stored, acted on as configured, published ({@link AlertRaised}) and
 * emailed to the app's workspace owners and admins. Runs on the {@link AlertQueue}'s
 * thread, one hit at a time.
 */
@Service
class AlertRaising {

	/** Who suspends apps and revokes secrets, in their activity and the audit log. */
	static final String ACTOR = "mailgate-alerts";

	private static final Log log = LogFactory.getLog(AlertRaising.class);

	private final AlertStore store;

	private final AlertSettings settings;

	private final AlertQueue queue;

	private final AlertMail mail;

	private final Apps apps;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Map<Waiting, AlertHit> waiting = new ConcurrentHashMap<>();

	AlertRaising(AlertStore store, AlertSettings settings, AlertQueue queue, AlertMail mail, Apps apps,
			ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.settings = settings;
		this.queue = queue;
		this.mail = mail;
		this.apps = apps;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Hands the hit to the alert thread and returns at once. Hits of a rule and app that
	 * arrive while an earlier one still waits are added to it, so that a flood of
	 * failures costs one queued task and one update, not one each.
	 */
	void raise(AlertHit hit) {
		Waiting key = new Waiting(hit.rule(), hit.app());
		if (this.waiting.merge(key, hit, AlertHit::plus) == hit) {
			this.queue.execute(() -> {
				AlertHit hits = this.waiting.remove(key);
				if (hits != null) {
					raiseNow(hits);
				}
			});
		}
	}

	/**
	 * On the alert thread.
	 * @return the new alert's id, or nothing when the hit went to an open alert
	 */
	Optional<UUID> raiseNow(AlertHit hit) {
		AlertsProperties settings = this.settings.current();
		Instant now = this.clock.instant();
		Optional<UUID> open = this.store.openFor(hit.rule(), hit.app(), now.minus(settings.repeatWindow()));
		if (open.isPresent()) {
			this.store.addHits(open.get(), hit.hits());
			return Optional.empty();
		}
		AppClient app = this.apps.byId(hit.app()).orElse(null);
		WorkspaceId workspace = (app != null) ? app.workspace() : null;
		UUID id = TimeOrderedIds.next(now);
		this.store.insert(id, hit, workspace, now);
		String action = act(settings.actionFor(hit.rule()), app);
		this.store.recordAction(id, action);
		this.events.publishEvent(new AlertRaised(id, hit.rule().id(), hit.rule().severity(), workspace, hit.app(),
				hit.clientId(), hit.summary(), action, now));
		if (app != null) {
			this.mail.send(app, hit, action, now);
		}
		return Optional.of(id);
	}

	private String act(AlertAction action, @Nullable AppClient app) {
		if (action == AlertAction.NONE || app == null) {
			return "none";
		}
		try {
			if (action == AlertAction.SUSPEND_APP) {
				return this.apps.suspend(app.id(), ACTOR) ? "Suspended the app and revoked every token it held"
						: "The app was suspended already";
			}
			List<String> revoked = this.apps.revokeActiveSecrets(app.id(), ACTOR);
			return revoked.isEmpty() ? "The app had no active client secret to revoke"
					: "Revoked its active client secrets ("
							+ String.join(", ", revoked.stream().map((prefix) -> prefix + "…").toList())
							+ "): it works again once its owners rotate";
		}
		catch (RuntimeException ex) {
			log.error("The alert action " + action + " failed for app " + app.clientId(), ex);
			return "The configured action failed; the server log has why";
		}
	}

	private record Waiting(AlertRule rule, AppId app) {
	}

}
