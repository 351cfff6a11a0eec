package dev.mailgate.accounts.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

record PasswordForm(@NotBlank(message = "Enter your current password.") @Nullable String currentPassword,
		@Size(max = 128, message = "Use at most 128 characters.") @Nullable String newPassword) {

	static PasswordForm empty() {
		return new PasswordForm(null, null);
	}

}
