package dev.mailgate.ratelimit;

import java.time.Instant;

/**
 * The shared rate limit store (Redis) stopped answering: published once per outage, on
 * the node that noticed it, for the audit log. Until it answers again, requests are let
 * through unlimited ({@code failingOpen}) or refused with 503.
 *
 * @param failingOpen whether requests are let through ({@code on-failure: open})
 */
public record RateLimitStoreDown(boolean failingOpen, Instant at) {
}
