package dev.mailgate.apps;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Revoking this secret would break a client that used it in the last 24 hours; the
 * developer has to confirm ({@code ?force=true} in the API).
 */
public class SecretRecentlyUsed extends RuntimeException {

	private final SecretSummary secret;

	public SecretRecentlyUsed(SecretSummary secret) {
		super("Secret %s was used at %s from %s; confirm to revoke it".formatted(secret.masked(), secret.lastUsedAt(),
				(secret.lastUsedIp() != null) ? secret.lastUsedIp() : "an unknown address"));
		this.secret = secret;
	}

	public SecretSummary secret() {
		return this.secret;
	}

	public @Nullable Instant lastUsedAt() {
		return this.secret.lastUsedAt();
	}

}
