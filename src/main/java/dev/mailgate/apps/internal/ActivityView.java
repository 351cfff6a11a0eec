package dev.mailgate.apps.internal;

/**
 * One line of an app's recent activity.
 */
public record ActivityView(String what, String actor, String at) {
}
