package dev.mailgate.oauth.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A connected app as its page shows it: plain-language scopes and times a person reads at
 * a glance.
 */
record ConnectedAppView(String clientId, String name, String initial, @Nullable String website,
		@Nullable String logoUrl, String developer, String person, List<ScopeView> scopes, String granted,
		String lastUsed, @Nullable String lastUsedFrom) {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	static ConnectedAppView of(ConnectedApp app, ScopeCatalog catalog, Instant now) {
		return new ConnectedAppView(app.clientId(), app.name(),
				app.name().isBlank() ? "?" : app.name().substring(0, 1).toUpperCase(Locale.ROOT), app.website(),
				app.logoUrl(), app.developer(), app.person(), catalog.describe(app.scopes(), Locale.ENGLISH),
				DAY.format(app.grantedAt()), (app.lastUsedAt() != null) ? ago(app.lastUsedAt(), now) : "Not used yet",
				app.lastUsedFrom());
	}

	/**
	 * How long ago, as a person says it: "just now", "5 minutes ago", "3 days ago".
	 */
	static String ago(Instant then, Instant now) {
		Duration elapsed = Duration.between(then, now);
		if (elapsed.toMinutes() < 1) {
			return "Just now";
		}
		if (elapsed.toHours() < 1) {
			return plural(elapsed.toMinutes(), "minute") + " ago";
		}
		if (elapsed.toDays() < 1) {
			return plural(elapsed.toHours(), "hour") + " ago";
		}
		if (elapsed.toDays() < 60) {
			return plural(elapsed.toDays(), "day") + " ago";
		}
		return "On " + DAY.format(then);
	}

	private static String plural(long count, String unit) {
		return count + " " + unit + ((count == 1) ? "" : "s");
	}

}
