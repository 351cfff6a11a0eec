/**
 * Request budgets per app, per account and per IP address (Bucket4j), in memory or in
 * Redis, answering 429 with {@code Retry-After} and the IETF {@code RateLimit} headers.
 */
@ApplicationModule(allowedDependencies = { "platform", "apps", "accounts", "oauth" })
@NullMarked
package dev.mailgate.ratelimit;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
