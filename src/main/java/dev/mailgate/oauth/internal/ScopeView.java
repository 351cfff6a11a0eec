package dev.mailgate.oauth.internal;

/**
 * A scope with its title and description, for pages.
 */
public record ScopeView(String scope, String title, String description) {
}
