package dev.mailgate.accounts.internal;

import java.time.Instant;

import dev.mailgate.accounts.UserId;

record UserRow(UserId id, EmailAddress email, String displayName, String passwordHash, boolean platformAdmin,
		Instant createdAt) {
}
