package dev.mailgate.apps.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * When and from which address a secret was last presented.
 */
record SecretUse(Instant at, @Nullable String address) {
}
