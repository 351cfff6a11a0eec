package dev.mailgate.accounts;

/**
 * A user as other modules may see them.
 */
public record Person(UserId id, String email, String displayName) {
}
