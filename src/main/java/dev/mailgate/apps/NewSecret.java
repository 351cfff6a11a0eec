package dev.mailgate.apps;

/**
 * A secret just created, with its value: shown to its developer this once, never again.
 */
public record NewSecret(SecretSummary summary, String value) {
}
