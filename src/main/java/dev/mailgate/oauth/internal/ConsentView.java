package dev.mailgate.oauth.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the consent page shows: the app, who made it, where the person will be sent, and
 * the scopes asked for (new ones, which can be unticked, and ones granted before).
 */
public record ConsentView(String clientId, String state, String appName, @Nullable String description,
		@Nullable String website, @Nullable String logoUrl, String developer, String redirectHost,
		List<ScopeView> requested, List<ScopeView> alreadyGranted, String initial) {
}
