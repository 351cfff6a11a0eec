package dev.mailgate.oauth.internal;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One token of an authorization as a row keeps it: its hash, its times and its metadata.
 */
record StoredToken(String hash, @Nullable Instant issuedAt, @Nullable Instant expiresAt, Map<String, Object> metadata) {
}
