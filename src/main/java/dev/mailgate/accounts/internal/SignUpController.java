package dev.mailgate.accounts.internal;

import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

@Controller
class SignUpController {

	private final Registration registration;

	private final AccountsProperties properties;

	private final SecurityContextRepository contexts;

	SignUpController(Registration registration, AccountsProperties properties, SecurityContextRepository contexts) {
		this.registration = registration;
		this.properties = properties;
		this.contexts = contexts;
	}

	@GetMapping(SignInPaths.SIGN_UP)
	String showSignUp(@AuthenticationPrincipal SignedInUser user, Model model) {
		if (user != null) {
			return "redirect:/";
		}
		model.addAttribute("form", SignUpForm.empty());
		model.addAttribute("passwordMinLength", this.properties.passwordMinLength());
		return "accounts/signup";
	}

	@PostMapping(SignInPaths.SIGN_UP)
	String signUp(@Valid @ModelAttribute("form") SignUpForm form, BindingResult errors, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		String password = Objects.requireNonNullElse(form.password(), "");
		if (password.length() < this.properties.passwordMinLength()) {
			errors.rejectValue("password", "accounts.password.short",
					"Use at least %d characters.".formatted(this.properties.passwordMinLength()));
		}
		if (!errors.hasErrors()) {
			try {
				SignedInUser user = this.registration.register(new NewAccount(
						EmailAddress.of(Objects.requireNonNull(form.email())),
						Objects.requireNonNull(form.displayName()), password, form.workspaceNameOrDefault(), false));
				signIn(user, request, response);
				return "redirect:/?welcome";
			}
			catch (EmailAlreadyRegistered ex) {
				errors.rejectValue("email", "accounts.email.taken",
						"An account with this email already exists. Sign in instead.");
				response.setStatus(HttpStatus.CONFLICT.value());
			}
			catch (IllegalArgumentException ex) {
				errors.rejectValue("email", "accounts.email.invalid", "Enter a valid email address.");
			}
		}
		if (response.getStatus() != HttpStatus.CONFLICT.value()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		model.addAttribute("passwordMinLength", this.properties.passwordMinLength());
		return "accounts/signup";
	}

	/**
	 * Signs the new account in, in a fresh session (never one that existed before
	 * sign-up).
	 */
	private void signIn(SignedInUser user, HttpServletRequest request, HttpServletResponse response) {
		HttpSession old = request.getSession(false);
		if (old != null) {
			old.invalidate();
		}
		request.getSession(true);
		user.eraseCredentials();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
	}

}
