package dev.mailgate.apps.internal;

import org.jspecify.annotations.Nullable;

/**
 * A leak report as the app page shows it.
 */
public record LeakView(String credential, String reporter, @Nullable String sourceUrl, String outcome,
		String reportedAt) {
}
