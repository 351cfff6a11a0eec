package dev.mailgate.apps;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.mailgate.accounts.WorkspaceId;
import org.jspecify.annotations.Nullable;

/**
 * A registered app as the authorization server sees it: who owns it, where it may
 * redirect, what it may ask for and how its tokens look. Never carries a secret.
 *
 * @param confidential whether it authenticates with a secret (a server-side app) or not
 * (a public client: a single-page or native app, which must use PKCE)
 */
public record AppClient(AppId id, WorkspaceId workspace, String clientId, String name, @Nullable String description,
		@Nullable String website, @Nullable String logoUrl, boolean confidential, List<String> redirectUris,
		Set<String> grantTypes, Set<String> scopes, TokenFormat tokenFormat, Duration accessTokenTtl, boolean suspended,
		Instant createdAt, @Nullable ClientKeys keys) {

	public static final String AUTHORIZATION_CODE = "authorization_code";

	public static final String REFRESH_TOKEN = "refresh_token";

	public static final String CLIENT_CREDENTIALS = "client_credentials";

}
