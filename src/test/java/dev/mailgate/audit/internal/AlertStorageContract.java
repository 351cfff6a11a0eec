package dev.mailgate.audit.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import dev.mailgate.platform.TimeOrderedIds;
import dev.mailgate.platform.Timestamps;
import dev.mailgate.support.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The alerts' and the dashboard's SQL, run once on H2 and once on PostgreSQL by the
 * subclasses, with the JVM (and so the database session) in a time zone half an hour off
 * UTC: figures must fall into the same minutes and hours whatever the zone.
 */
abstract class AlertStorageContract {

	static final Instant NOW = Instant.parse("2026-03-02T10:17:30Z");

	static final WorkspaceId WORKSPACE = WorkspaceId.random();

	static final AppId APP = AppId.random();

	private final TimeZone zone = TimeZone.getDefault();

	private TestDatabase database;

	private JdbcClient jdbc;

	private SecurityDashboardFigures figures;

	private AlertStore alerts;

	abstract TestDatabase openDatabase();

	@BeforeEach
	void migrate() {
		TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
		this.database = openDatabase();
		this.jdbc = this.database.jdbc();
		this.figures = new SecurityDashboardFigures(this.jdbc);
		this.alerts = new AlertStore(this.jdbc);
	}

	@AfterEach
	void drop() {
		this.database.close();
		TimeZone.setDefault(this.zone);
	}

	@Test
	void tokensAreSummedPerMinuteOrHourAndGrantType() {
		event("token.issued", "10:05:00", WORKSPACE, "client_credentials", 3);
		event("token.issued", "10:05:00", WORKSPACE, "authorization_code", 2);
		event("token.issued", "10:17:00", WORKSPACE, "client_credentials", 4);
		event("token.issued", "09:10:00", WORKSPACE, "client_credentials", 6);
		event("token.issued", "10:05:00", WorkspaceId.random(), "client_credentials", 100);

		SecurityDashboardRange hour = SecurityDashboardRange.HOUR;
		assertThat(this.figures.byDetail("token.issued", WORKSPACE, hour, hour.start(NOW))).containsExactlyInAnyOrder(
				count("10:05:00", "client_credentials", 3), count("10:05:00", "authorization_code", 2),
				count("10:17:00", "client_credentials", 4));
		SecurityDashboardRange day = SecurityDashboardRange.DAY;
		assertThat(this.figures.byDetail("token.issued", WORKSPACE, day, day.start(NOW))).containsExactlyInAnyOrder(
				count("10:00:00", "client_credentials", 7), count("10:00:00", "authorization_code", 2),
				count("09:00:00", "client_credentials", 6));
		assertThat(this.figures.byDetail("token.issued", null, hour, hour.start(NOW)))
			.contains(count("10:05:00", "client_credentials", 103));
	}

	@Test
	void failuresAreCountedPerKind() {
		event("client_auth.failed", "10:16:59", WORKSPACE, "invalid_client", 1);
		event("client_auth.failed", "10:16:01", WORKSPACE, "invalid_client", 1);
		event("signin.failed", "10:16:30", WORKSPACE, "wrong password", 1);
		event("signin.failed", "08:59:59", WORKSPACE, "wrong password", 1);

		SecurityDashboardRange hour = SecurityDashboardRange.HOUR;
		assertThat(
				this.figures.byKind(List.of("client_auth.failed", "signin.failed"), WORKSPACE, hour, hour.start(NOW)))
			.containsExactlyInAnyOrder(count("10:16:00", "client_auth.failed", 2),
					count("10:16:00", "signin.failed", 1));
	}

	@Test
	void busiestAppsComeFirst() {
		AppId quiet = AppId.random();
		event("token.issued", "10:05:00", WORKSPACE, APP, "client_credentials", 3);
		event("token.issued", "10:06:00", WORKSPACE, APP, "refresh_token", 3);
		event("token.issued", "10:05:00", WORKSPACE, quiet, "client_credentials", 5);

		assertThat(this.figures.topApps(WORKSPACE, NOW.minus(1, ChronoUnit.HOURS), 5))
			.extracting(SecurityDashboardFigures.AppTokens::app, SecurityDashboardFigures.AppTokens::tokens)
			.containsExactly(tuple(APP, 6L), tuple(quiet, 5L));
	}

	@Test
	void baselineIsTheMeanPerMinuteOfTheDayBefore() {
		Instant minute = NOW.truncatedTo(ChronoUnit.MINUTES);
		event("token.issued", "10:17:00", WORKSPACE, APP, "client_credentials", 9999);
		for (int hour = 1; hour <= 24; hour++) {
			event("token.issued", minute.minus(hour, ChronoUnit.HOURS), WORKSPACE, APP, "client_credentials", 120);
		}
		event("token.issued", minute.minus(25, ChronoUnit.HOURS), WORKSPACE, APP, "client_credentials", 9999);

		assertThat(new AlertBaseline(this.jdbc).meanPerMinute(APP, minute)).isEqualTo(2.0);
		assertThat(new AlertBaseline(this.jdbc).meanPerMinute(AppId.random(), minute)).isZero();
	}

	@Test
	void anOpenAlertTakesHitsUntilItIsAcknowledged() {
		UUID id = TimeOrderedIds.next(NOW);
		this.alerts.insert(id, new AlertHit(AlertRule.TOKEN_SURGE, APP, "mgapp-1", 1, "More tokens", "Detail", NOW),
				WORKSPACE, NOW);
		Instant since = NOW.minus(1, ChronoUnit.HOURS);

		assertThat(this.alerts.openFor(AlertRule.TOKEN_SURGE, APP, since)).contains(id);
		assertThat(this.alerts.openFor(AlertRule.REFRESH_TOKEN_REUSE, APP, since)).isEmpty();
		assertThat(this.alerts.openFor(AlertRule.TOKEN_SURGE, APP, NOW.plusSeconds(1))).isEmpty();
		this.alerts.addHits(id, 4);
		this.alerts.recordAction(id, "none");
		assertThat(this.alerts.countOpen(WORKSPACE)).isEqualTo(1);

		assertThat(this.alerts.acknowledge(id, WorkspaceId.random(), "mallory@example.com", NOW)).isFalse();
		assertThat(this.alerts.acknowledge(id, WORKSPACE, "ada@example.com", NOW)).isTrue();
		assertThat(this.alerts.acknowledge(id, WORKSPACE, "ada@example.com", NOW)).isFalse();

		assertThat(this.alerts.openFor(AlertRule.TOKEN_SURGE, APP, since)).isEmpty();
		assertThat(this.alerts.list(WORKSPACE, AlertStatus.OPEN, 10)).isEmpty();
		assertThat(this.alerts.list(WORKSPACE, AlertStatus.ACKNOWLEDGED, 10)).singleElement().satisfies((alert) -> {
			assertThat(alert.hits()).isEqualTo(5);
			assertThat(alert.actionTaken()).isEqualTo("none");
			assertThat(alert.acknowledgedBy()).isEqualTo("ada@example.com");
			assertThat(alert.raisedAt()).isEqualTo(NOW);
			assertThat(alert.severity()).isEqualTo("medium");
		});
		assertThat(this.alerts.list(null, AlertStatus.ALL, 10)).hasSize(1);
		assertThat(this.alerts.find(id, WorkspaceId.random())).isEmpty();
	}

	private void event(String kind, String time, @Nullable WorkspaceId workspace, String detail, int count) {
		event(kind, Instant.parse("2026-03-02T" + time + "Z"), workspace, APP, detail, count);
	}

	private void event(String kind, String time, @Nullable WorkspaceId workspace, AppId app, String detail, int count) {
		event(kind, Instant.parse("2026-03-02T" + time + "Z"), workspace, app, detail, count);
	}

	private void event(String kind, Instant at, @Nullable WorkspaceId workspace, String detail, int count) {
		event(kind, at, workspace, APP, detail, count);
	}

	/**
	 * A row in the audit log's documented shape (V12).
	 */
	private void event(String kind, Instant at, @Nullable WorkspaceId workspace, AppId app, String detail, int count) {
		this.jdbc.sql("""
				insert into audit_events (id, at, kind, outcome, actor, workspace_id, app_id, client_id, detail, count)
				values (?, ?, ?, 'success', 'mgapp-1', ?, ?, 'mgapp-1', ?, ?)""")
			.params(TimeOrderedIds.next(at), Timestamps.utc(at), kind, (workspace != null) ? workspace.value() : null,
					app.value(), detail, count)
			.update();
	}

	private static SecurityDashboardFigures.Count count(String time, String key, long total) {
		return new SecurityDashboardFigures.Count(Instant.parse("2026-03-02T" + time + "Z").getEpochSecond(), key,
				total);
	}

}
