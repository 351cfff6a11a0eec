package dev.mailgate.apps.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.NewApp;
import dev.mailgate.apps.TokenFormat;
import org.jspecify.annotations.Nullable;

/**
 * The portal's "Register an app" form.
 *
 * @param type {@code confidential} (a server that keeps a secret) or {@code public} (a
 * single-page or native app)
 * @param actsForPeople whether marketers connect it (authorization code and refresh
 * tokens)
 * @param actsOnWorkspace whether it acts on this workspace on its own (client
 * credentials)
 * @param redirectUris one per line
 */
public record AppForm(@Nullable String name, @Nullable String description, @Nullable String website,
		@Nullable String logoUrl, @Nullable String type, boolean actsForPeople, boolean actsOnWorkspace,
		@Nullable String redirectUris, @Nullable List<String> scopes, @Nullable String tokenFormat,
		@Nullable Integer accessTokenMinutes) {

	static AppForm empty() {
		return new AppForm(null, null, null, null, "confidential", true, false, null, List.of(), "OPAQUE", 15);
	}

	NewApp toNewApp() {
		boolean confidential = !"public".equals(this.type);
		Set<String> grants = new LinkedHashSet<>();
		if (this.actsForPeople) {
			grants.add(AppClient.AUTHORIZATION_CODE);
			grants.add(AppClient.REFRESH_TOKEN);
		}
		if (this.actsOnWorkspace) {
			grants.add(AppClient.CLIENT_CREDENTIALS);
		}
		List<String> uris = (this.redirectUris == null) ? List.of()
				: Arrays.stream(this.redirectUris.split("\\R"))
					.map(String::strip)
					.filter((uri) -> !uri.isEmpty())
					.toList();
		return new NewApp((this.name != null) ? this.name.strip() : "", blankToNull(this.description),
				blankToNull(this.website), blankToNull(this.logoUrl), confidential, uris, grants,
				new LinkedHashSet<>((this.scopes != null) ? this.scopes : List.of()),
				"JWT".equals(this.tokenFormat) ? TokenFormat.JWT : TokenFormat.OPAQUE,
				Duration.ofMinutes((this.accessTokenMinutes != null) ? this.accessTokenMinutes : 15));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
