package dev.mailgate.accounts.internal;

import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The signed-in user's own account: who they are, and changing their password, which
 * signs them out of every other browser, on every node.
 */
@Controller
class AccountController {

	private final JdbcAccounts accounts;

	private final PasswordEncoder passwords;

	private final AccountsProperties properties;

	private final FindByIndexNameSessionRepository<?> sessions;

	AccountController(JdbcAccounts accounts, PasswordEncoder passwords, AccountsProperties properties,
			FindByIndexNameSessionRepository<?> sessions) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.properties = properties;
		this.sessions = sessions;
	}

	@GetMapping("/account")
	String showAccount(Model model) {
		model.addAttribute("form", PasswordForm.empty());
		model.addAttribute("passwordMinLength", this.properties.passwordMinLength());
		return "accounts/account";
	}

	@PostMapping("/account/password")
	String changePassword(@AuthenticationPrincipal SignedInUser user, @Valid @ModelAttribute("form") PasswordForm form,
			BindingResult errors, Model model, HttpServletRequest request, HttpServletResponse response) {
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
		endOtherSessions(user, request.getSession(false));
		return "redirect:/account?passwordChanged";
	}

	/**
	 * Whoever knew the old password may be signed in elsewhere: those sessions end, this
	 * one goes on.
	 */
	private void endOtherSessions(SignedInUser user, @Nullable HttpSession current) {
		this.sessions.findByPrincipalName(user.getUsername())
			.keySet()
			.stream()
			.filter((id) -> current == null || !id.equals(current.getId()))
			.forEach(this.sessions::deleteById);
	}

}
