package dev.mailgate.apps;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What it takes to register an app; checked by {@link Apps#register}.
 */
public record NewApp(String name, @Nullable String description, @Nullable String website, @Nullable String logoUrl,
		boolean confidential, List<String> redirectUris, Set<String> grantTypes, Set<String> scopes,
		TokenFormat tokenFormat, Duration accessTokenTtl, @Nullable ClientKeys keys) {

	/**
	 * An app that authenticates with a client secret (or, if public, not at all).
	 */
	public NewApp(String name, @Nullable String description, @Nullable String website, @Nullable String logoUrl,
			boolean confidential, List<String> redirectUris, Set<String> grantTypes, Set<String> scopes,
			TokenFormat tokenFormat, Duration accessTokenTtl) {
		this(name, description, website, logoUrl, confidential, redirectUris, grantTypes, scopes, tokenFormat,
				accessTokenTtl, null);
	}

}
