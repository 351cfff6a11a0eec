package dev.mailgate.apps;

import org.jspecify.annotations.Nullable;

/**
 * The public keys an app signs its client assertions with (RFC 7523,
 * {@code private_key_jwt}): a JWK Set document inline, or the https URL it is published
 * at.
 */
public record ClientKeys(@Nullable String jwks, @Nullable String jwksUri) {
}
