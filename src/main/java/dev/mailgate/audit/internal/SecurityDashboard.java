package dev.mailgate.audit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import dev.mailgate.accounts.Accounts;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ExpiringClientSecret;
import dev.mailgate.audit.internal.SecurityDashboardChart.Series;
import dev.mailgate.audit.internal.SecurityDashboardFigures.Count;
import dev.mailgate.audit.internal.SecurityDashboardView.Expiring;
import dev.mailgate.audit.internal.SecurityDashboardView.Stat;
import dev.mailgate.audit.internal.SecurityDashboardView.TopApp;
import dev.mailgate.oauth.Grants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Puts the security dashboard together: the audit log's figures as charts, the busiest
 * apps, the open alerts, the active grants and the secrets near expiry, of one workspace
 * or (for platform administrators) of all.
 */
@Service
class SecurityDashboard {

	static final int WIDE = 960;

	static final int NARROW = 480;

	private static final Set<String> GRANT_TYPES = Set.of(AppClient.AUTHORIZATION_CODE, AppClient.REFRESH_TOKEN,
			AppClient.CLIENT_CREDENTIALS);

	private final SecurityDashboardFigures figures;

	private final AlertStore alerts;

	private final Apps apps;

	private final Grants grants;

	private final Accounts accounts;

	private final Clock clock;

	SecurityDashboard(SecurityDashboardFigures figures, AlertStore alerts, Apps apps, Grants grants, Accounts accounts,
			Clock clock) {
		this.figures = figures;
		this.alerts = alerts;
		this.apps = apps;
		this.grants = grants;
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * @param scope the workspace to show, or {@code null} for every workspace
	 */
	SecurityDashboardView show(SecurityDashboardViewer viewer, @Nullable WorkspaceId scope,
			SecurityDashboardRange range) {
		Instant now = this.clock.instant();
		Instant since = range.start(now);
		List<Instant> buckets = new ArrayList<>();
		for (int i = 0; i < range.buckets(); i++) {
			buckets.add(since.plusSeconds(i * range.bucketSeconds()));
		}
		SecurityDashboardChart tokens = tokens(scope, range, since, buckets);
		SecurityDashboardChart failures = failures(scope, range, since, buckets);
		SecurityDashboardChart limited = rateLimited(scope, range, since, buckets);
		long openAlerts = this.alerts.countOpen(scope);
		List<ExpiringClientSecret> expiring = (scope != null) ? this.apps.secretsExpiringSoon(scope)
				: this.apps.secretsExpiringSoon(50);
		long expiringCount = (scope != null) ? expiring.size() : this.apps.countSecretsExpiringSoon();
		List<Stat> stats = List.of(new Stat("tokens", "Tokens issued", tokens.total(), range.label(), ""),
				new Stat("failures", "Auth failures", failures.total(), range.label(),
						tone(!failures.empty(), "warning")),
				new Stat("rate-limited", "Rate-limited", limited.total(), range.label(),
						tone(!limited.empty(), "warning")),
				new Stat("grants", "Active grants", SecurityDashboardChart.grouped(activeGrants(scope)),
						"Connected apps", ""),
				new Stat("alerts", "Open alerts", SecurityDashboardChart.grouped(openAlerts), "Not acknowledged yet",
						tone(openAlerts > 0, "danger")),
				new Stat("expiring", "Expiring secrets", SecurityDashboardChart.grouped(expiringCount),
						"Within 14 days", tone(expiringCount > 0, "warning")));
		return new SecurityDashboardView((scope != null) ? viewer.workspaceName() : "All workspaces", scope == null,
				range, stats, tokens, failures, limited, topApps(scope, since, viewer), openAlerts(scope, viewer),
				openAlerts, expiring.stream().map((secret) -> expiring(secret, viewer, scope == null, now)).toList(),
				expiringCount);
	}

	private long activeGrants(@Nullable WorkspaceId scope) {
		return (scope != null) ? this.grants.activeCount(scope) : this.grants.totalActiveCount();
	}

	private List<AlertView> openAlerts(@Nullable WorkspaceId scope, SecurityDashboardViewer viewer) {
		return this.alerts.list(scope, AlertStatus.OPEN, 5)
			.stream()
			.map((alert) -> AlertView.of(alert, (alert.app() != null) ? this.apps.byId(alert.app()).orElse(null) : null,
					viewer.workspace()))
			.toList();
	}

	private static String tone(boolean notable, String tone) {
		return notable ? tone : "";
	}

	private SecurityDashboardChart tokens(@Nullable WorkspaceId scope, SecurityDashboardRange range, Instant since,
			List<Instant> buckets) {
		List<Count> counts = this.figures.byDetail(SecurityDashboardFigures.TOKEN_ISSUED, scope, range, since);
		return SecurityDashboardChart
			.stacked("tokens", "Tokens issued", "No tokens issued " + during(range), WIDE, 260, range, buckets, List.of(
					series("Authorization code", "fill-indigo", counts, AppClient.AUTHORIZATION_CODE::equals, range,
							since, false),
					series("Refresh", "fill-sky", counts, AppClient.REFRESH_TOKEN::equals, range, since, false),
					series("Client credentials", "fill-teal", counts, AppClient.CLIENT_CREDENTIALS::equals, range,
							since, false),
					series("Other", "fill-slate", counts, (key) -> !GRANT_TYPES.contains(key), range, since, true)));
	}

	private SecurityDashboardChart failures(@Nullable WorkspaceId scope, SecurityDashboardRange range, Instant since,
			List<Instant> buckets) {
		List<Count> counts = this.figures.byKind(
				List.of(SecurityDashboardFigures.CLIENT_AUTH_FAILED, SecurityDashboardFigures.SIGN_IN_FAILED), scope,
				range, since);
		return SecurityDashboardChart.stacked("failures", "Failed authentications",
				"No failed authentication " + during(range), NARROW, 220, range, buckets,
				List.of(series("Client authentication", "fill-red", counts,
						SecurityDashboardFigures.CLIENT_AUTH_FAILED::equals, range, since, false),
						series("Sign-in", "fill-amber", counts, SecurityDashboardFigures.SIGN_IN_FAILED::equals, range,
								since, false)));
	}

	private SecurityDashboardChart rateLimited(@Nullable WorkspaceId scope, SecurityDashboardRange range, Instant since,
			List<Instant> buckets) {
		List<Count> counts = this.figures.byDetail(SecurityDashboardFigures.RATE_LIMIT_HIT, scope, range, since);
		Predicate<String> known = (key) -> key.equals("token-endpoint") || key.equals("api")
				|| key.startsWith("sign-in") || key.startsWith("client-auth");
		return SecurityDashboardChart.stacked("rate-limited", "Rate-limited requests (429)",
				"No request was rate-limited " + during(range), NARROW, 220, range, buckets,
				List.of(series("Token endpoint", "fill-violet", counts, "token-endpoint"::equals, range, since, false),
						series("API", "fill-indigo", counts, "api"::equals, range, since, false),
						series("Sign-in", "fill-amber", counts, (key) -> key.startsWith("sign-in"), range, since,
								false),
						series("Client authentication", "fill-red", counts, (key) -> key.startsWith("client-auth"),
								range, since, true),
						series("Other", "fill-slate", counts, known.negate(), range, since, true)));
	}

	private static Series series(String name, String css, List<Count> counts, Predicate<String> key,
			SecurityDashboardRange range, Instant since, boolean optional) {
		long[] values = new long[range.buckets()];
		for (Count count : counts) {
			long index = (count.bucketStart() - since.getEpochSecond()) / range.bucketSeconds();
			if (index >= 0 && index < values.length && key.test(count.key())) {
				values[(int) index] += count.total();
			}
		}
		return new Series(name, css, values, optional);
	}

	private List<TopApp> topApps(@Nullable WorkspaceId scope, Instant since, SecurityDashboardViewer viewer) {
		List<SecurityDashboardFigures.AppTokens> busiest = this.figures.topApps(scope, since, 5);
		long most = busiest.isEmpty() ? 1 : Math.max(1, busiest.get(0).tokens());
		return busiest.stream().map((app) -> {
			AppClient client = this.apps.byId(app.app()).orElse(null);
			String clientId = (client != null) ? client.clientId() : String.valueOf(app.clientId());
			return new TopApp((client != null) ? client.name() : clientId + " (deleted)", clientId,
					client != null && client.workspace().equals(viewer.workspace()),
					SecurityDashboardChart.grouped(app.tokens()),
					String.format(Locale.ROOT, "%.1f", Math.max(2.0, app.tokens() * 100.0 / most)));
		}).toList();
	}

	private Expiring expiring(ExpiringClientSecret secret, SecurityDashboardViewer viewer, boolean everywhere,
			Instant now) {
		String workspaceName = everywhere ? this.accounts.workspaceName(secret.workspace()).orElse("") : "";
		return new Expiring(secret.appName(), secret.clientId(), secret.workspace().equals(viewer.workspace()),
				workspaceName, secret.maskedSecret(), AlertMail.TIME.format(secret.expiresAt()),
				remaining(Duration.between(now, secret.expiresAt())));
	}

	static String remaining(Duration left) {
		if (left.toDays() >= 1) {
			return (left.toDays() == 1) ? "in 1 day" : "in " + left.toDays() + " days";
		}
		if (left.toHours() >= 1) {
			return (left.toHours() == 1) ? "in 1 hour" : "in " + left.toHours() + " hours";
		}
		return "within the hour";
	}

	private static String during(SecurityDashboardRange range) {
		return (range == SecurityDashboardRange.HOUR) ? "in the last hour" : "in the last 24 hours";
	}

}
