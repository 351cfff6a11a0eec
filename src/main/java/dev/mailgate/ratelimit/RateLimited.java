package dev.mailgate.ratelimit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A request was refused with 429 because a budget ran out.
 *
 * @param limit which budget ({@code token-endpoint}, {@code api}, {@code sign-in-ip},
 * {@code sign-in-account}, {@code client-auth-ip}, {@code client-auth-client})
 * @param clientId the app's client id, when the budget is an app's
 * @param address the caller's IP address
 */
public record RateLimited(String limit, @Nullable String clientId, @Nullable String address, Instant at) {
}
