package dev.mailgate.accounts.internal;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The sign-up form. The password's minimum length is a setting, so the controller checks
 * it.
 */
record SignUpForm(
		@NotBlank(message = "Enter your email address.") @Email(message = "Enter a valid email address.") @Size(
				max = 320, message = "That email address is too long.") @Nullable String email,

		@NotBlank(message = "Enter your name.") @Size(max = 100,
				message = "Use at most 100 characters.") @Nullable String displayName,

		@Size(max = 128, message = "Use at most 128 characters.") @Nullable String password,

		@Size(max = 100, message = "Use at most 100 characters.") @Nullable String workspaceName) {

	static SignUpForm empty() {
		return new SignUpForm(null, null, null, null);
	}

	String workspaceNameOrDefault() {
		if (this.workspaceName != null && !this.workspaceName.isBlank()) {
			return this.workspaceName.strip();
		}
		String name = (this.displayName != null) ? this.displayName.strip() : "My";
		String workspace = name + (name.endsWith("s") ? "' workspace" : "'s workspace");
		return (workspace.length() <= 100) ? workspace : "My workspace";
	}

}
