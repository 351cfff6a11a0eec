package dev.mailgate.integrations.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The write-only form for a provider's new client secret; {@link #toString()} leaves it
 * out.
 */
record SecretForm(@NotBlank(message = "Enter the new client secret the provider gave you.") @Size(max = 1000,
		message = "Use at most 1,000 characters.") @Nullable String clientSecret) {

	String secret() {
		return (this.clientSecret != null) ? this.clientSecret.strip() : "";
	}

	@Override
	public String toString() {
		return "SecretForm[clientSecret=(hidden)]";
	}

}
