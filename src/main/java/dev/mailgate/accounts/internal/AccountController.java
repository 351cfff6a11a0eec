package dev.mailgate.accounts.internal;

import java.util.Objects;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The signed-in user's own account: who they are, and changing their password.
 */
@Controller
class AccountController {

	private final JdbcAccounts accounts;

	private final PasswordEncoder passwords;

	private final AccountsProperties properties;

	AccountController(JdbcAccounts accounts, PasswordEncoder passwords, AccountsProperties properties) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.properties = properties;
	}

	@GetMapping("/account")
	String showAccount(Model model) {
		model.addAttribute("form", PasswordForm.empty());
		model.addAttribute("passwordMinLength", this.properties.passwordMinLength());
		return "accounts/account";
	}

	@PostMapping("/account/password")
	String changePassword(@AuthenticationPrincipal SignedInUser user, @Valid @ModelAttribute("form") PasswordForm form,
			BindingResult errors, Model model, HttpServletResponse response) {
		UserRow row = this.accounts.user(user.id()).orElseThrow();
		if (!errors.hasFieldErrors("currentPassword")
				&& !this.passwords.matches(Objects.requireNonNull(form.currentPassword()), row.passwordHash())) {
			errors.rejectValue("currentPassword", "accounts.password.wrong", "That is not your current password.");
		}
		String newPassword = Objects.requireNonNullElse(form.newPassword(), "");
		if (newPassword.length() < this.properties.passwordMinLength()) {
			errors.rejectValue("newPassword", "accounts.password.short",
					"Use at least %d characters.".formatted(this.properties.passwordMinLength()));
		}
		if (errors.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("passwordMinLength", this.properties.passwordMinLength());
			return "accounts/account";
		}
		this.accounts.changePassword(user.id(), this.passwords.encode(newPassword));
		return "redirect:/account?passwordChanged";
	}

}
