package dev.mailgate.ratelimit.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An app's own budgets, set by an operator; a budget left out is the default.
 *
 * @param updatedBy the operator's sign-in email
 */
record AppLimit(String clientId, @Nullable Budget tokenEndpoint, @Nullable Budget api, Instant updatedAt,
		String updatedBy) {
}
