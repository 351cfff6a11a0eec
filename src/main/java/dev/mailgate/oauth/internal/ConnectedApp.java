package dev.mailgate.oauth.internal;

import java.time.Instant;
import java.util.List;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import org.jspecify.annotations.Nullable;

/**
 * An app a person connected to their account: what it may do, since when, and when it
 * last called the API.
 *
 * @param person the sign-in email of whose grant it is
 * @param workspace the workspace the app acts on (the person's default workspace)
 * @param developer who built the app: the workspace that registered it
 * @param scopes the granted scopes, in the catalog's order
 * @param lastUsedFrom a coarse network (such as {@code 203.0.113.0/24}), never a full
 * address
 */
record ConnectedApp(AppId app, String clientId, String name, @Nullable String website, @Nullable String logoUrl,
		String developer, String person, @Nullable WorkspaceId workspace, List<String> scopes, Instant grantedAt,
		@Nullable Instant lastUsedAt, @Nullable String lastUsedFrom) {
}
