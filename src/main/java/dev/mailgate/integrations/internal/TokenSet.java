package dev.mailgate.integrations.internal;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A connection's tokens in clear, only ever in memory: {@link #toString()} names none of
 * them, so a log line or an exception message cannot carry one.
 *
 * @param expiresAt when the access token expires, if the provider said
 * @param refreshToken {@code null} when the provider gave none
 */
record TokenSet(String accessToken, @Nullable Instant expiresAt, @Nullable String refreshToken, Set<String> scopes) {

	@Override
	public String toString() {
		return "TokenSet[expiresAt=" + this.expiresAt + ", refreshToken=" + ((this.refreshToken != null) ? "yes" : "no")
				+ ", scopes=" + this.scopes + "]";
	}

}
