package dev.mailgate.apps.internal;

/**
 * A secret that stops working soon, for the portal's warning.
 */
public record ExpiringSecret(String appName, String clientId, String secret, String expires) {
}
