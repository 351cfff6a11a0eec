package dev.mailgate.ratelimit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An operator gave an app budgets of its own, or took them away (an admin action, for the
 * audit log).
 *
 * @param tokenEndpoint the app's token endpoint budget as written ({@code 60/1m}), or
 * {@code null} for the default
 * @param api the app's API budget as written, or {@code null} for the default
 * @param cleared whether the app went back to the defaults
 */
public record AppLimitChanged(String clientId, @Nullable String tokenEndpoint, @Nullable String api, boolean cleared,
		String operator, Instant at) {
}
