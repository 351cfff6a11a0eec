package dev.mailgate.apps;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A client secret as it may be shown: never the secret itself, only its first eight and
 * last four characters, its dates and where it was last used from.
 */
public record SecretSummary(SecretId id, String prefix, String lastFour, Instant createdAt,
		@Nullable Instant lastUsedAt, @Nullable String lastUsedIp, @Nullable Instant expiresAt,
		@Nullable Instant revokedAt) {

	public boolean activeAt(Instant now) {
		return this.revokedAt == null && (this.expiresAt == null || this.expiresAt.isAfter(now));
	}

	/**
	 * {@code mgs_AbCd…wxyz}: enough to tell secrets apart, useless to an attacker.
	 */
	public String masked() {
		return this.prefix + "…" + this.lastFour;
	}

}
