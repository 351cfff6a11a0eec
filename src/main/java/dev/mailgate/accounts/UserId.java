package dev.mailgate.accounts;

import java.util.UUID;

/**
 * Identifies a user.
 */
public record UserId(UUID value) {

	public static UserId random() {
		return new UserId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
