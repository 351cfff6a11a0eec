package dev.mailgate.audit.internal;

import java.util.List;

/**
 * Everything the dashboard page shows.
 *
 * @param scopeName the workspace's name, or "All workspaces"
 * @param everywhere whether the figures are of every workspace (platform administrators)
 */
record SecurityDashboardView(String scopeName, boolean everywhere, SecurityDashboardRange range, List<Stat> stats,
		SecurityDashboardChart tokens, SecurityDashboardChart failures, SecurityDashboardChart rateLimited,
		List<TopApp> topApps, List<AlertView> openAlerts, long openAlertCount, List<Expiring> expiring,
		long expiringCount) {

	/**
	 * A figure at the top of the page.
	 *
	 * @param tone {@code ""}, {@code warning} or {@code danger}
	 */
	record Stat(String id, String label, String value, String hint, String tone) {
	}

	/**
	 * @param share the app's tokens as a percentage of the busiest app's, for its bar
	 */
	record TopApp(String name, String clientId, boolean link, String tokens, String share) {
	}

	record Expiring(String appName, String clientId, boolean link, String workspaceName, String secret, String expires,
			String inDays) {
	}

}
