package dev.mailgate.apps;

import org.jspecify.annotations.Nullable;

/**
 * A newly registered app with the credentials it gets once: the client secret
 * (confidential apps only) and, for apps registered through RFC 7591, the registration
 * access token.
 */
public record RegisteredApp(AppClient app, @Nullable String clientSecret, @Nullable String registrationAccessToken) {
}
