package dev.mailgate.apps.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.mailgate.apps.AppEvents;
import dev.mailgate.apps.AppId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The recent activity on an app's page: what was done to it and its secrets, and by whom,
 * written in the same transaction as the change. (The audit log keeps every security
 * event of the platform; this is the app owner's short view.)
 */
@Component
class AppActivity {

	private final JdbcClient jdbc;

	AppActivity(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AppEvents.AppRegistered event) {
		record(event.app(), "App registered", event.actor(), event.at());
	}

	@EventListener
	void on(AppEvents.AppUpdated event) {
		record(event.app(), "Settings changed", event.actor(), event.at());
	}

	@EventListener
	void on(AppEvents.AppSuspended event) {
		record(event.app(), "App suspended; every token it held was revoked", event.actor(), event.at());
	}

	@EventListener
	void on(AppEvents.AppResumed event) {
		record(event.app(), "App resumed", event.actor(), event.at());
	}

	@EventListener
	void on(AppEvents.SecretCreated event) {
		record(event.app(), "Secret " + event.secretPrefix() + "… created", event.actor(), event.at());
	}

	@EventListener
	void on(AppEvents.SecretRotated event) {
		record(event.app(), "Secret rotated: " + event.secretPrefix() + "… created; the previous ones work until "
				+ SecretView.format(event.previousValidUntil()), event.actor(), event.at());
	}

	@EventListener
	void on(AppEvents.SecretRevoked event) {
		record(event.app(), "Secret " + event.secretPrefix() + "… revoked", event.actor(), event.at());
	}

	@EventListener
	void on(AppEvents.CredentialLeaked event) {
		record(event.app(), "Credential " + event.credentialPrefix() + "… reported leaked"
				+ (event.revoked() ? " and revoked" : ""), event.reporter(), event.at());
	}

	List<ActivityView> recent(AppId app) {
		return this.jdbc.sql("select what, actor, at from apps_activity where app_id = ? order by at desc")
			.param(app.value())
			.query((rs, row) -> new ActivityView(rs.getString(1), (rs.getString(2) != null) ? rs.getString(2) : "",
					SecretView.format(Timestamps.instant(rs, "at"))))
			.list()
			.stream()
			.limit(20)
			.toList();
	}

	private void record(AppId app, String what, @Nullable String actor, Instant at) {
		this.jdbc.sql("insert into apps_activity (id, app_id, what, actor, at) values (?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), app.value(), what, actor, Timestamps.utc(at))
			.update();
	}

}
