package dev.mailgate.apps.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.mailgate.apps.SecretSummary;
import org.jspecify.annotations.Nullable;

/**
 * A secret as the app page lists it.
 */
public record SecretView(String id, String masked, String created, String lastUsed, String expires, String status,
		boolean active) {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	static SecretView of(SecretSummary secret, Instant now) {
		String lastUsed = (secret.lastUsedAt() == null) ? "Never"
				: format(secret.lastUsedAt()) + ((secret.lastUsedIp() != null) ? " from " + secret.lastUsedIp() : "");
		String status = (secret.revokedAt() != null) ? "Revoked"
				: secret.activeAt(now) ? ((secret.expiresAt() != null) ? "Expires soon" : "Active") : "Expired";
		String expires = (secret.revokedAt() != null) ? "Revoked " + format(secret.revokedAt())
				: (secret.expiresAt() != null) ? format(secret.expiresAt()) : "Never";
		return new SecretView(secret.id().toString(), secret.masked(), format(secret.createdAt()), lastUsed, expires,
				status, secret.activeAt(now));
	}

	static String format(@Nullable Instant instant) {
		return (instant != null) ? TIME.format(instant) : "";
	}

}
