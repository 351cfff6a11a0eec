package dev.mailgate.accounts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Sign-ins, for the audit log and the rate limits. They carry the email as typed, never a
 * password.
 */
public final class AccountEvents {

	private AccountEvents() {
	}

	public record SignInSucceeded(UserId user, String email, @Nullable String address, @Nullable String userAgent,
			Instant at) {
	}

	/**
	 * @param email the email address as typed, which may belong to nobody
	 */
	public record SignInFailed(String email, @Nullable String address, @Nullable String userAgent, Instant at) {
	}

}
