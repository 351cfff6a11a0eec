package dev.mailgate.accounts.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

@Controller
class SignInController {

	@GetMapping(SignInPaths.SIGN_IN)
	String showSignIn(@AuthenticationPrincipal SignedInUser user) {
		return (user != null) ? "redirect:/" : "accounts/signin";
	}

	/**
	 * Where {@link SignInThrottleFilter} forwards an attempt that has to wait; the status
	 * (429) and {@code Retry-After} are already set.
	 */
	@RequestMapping(SignInPaths.THROTTLED)
	String showSignInThrottled(HttpServletRequest request, Model model) {
		Object seconds = request.getAttribute(SignInThrottleFilter.RETRY_AFTER_ATTRIBUTE);
		if (seconds == null) {
			return "redirect:" + SignInPaths.SIGN_IN;
		}
		model.addAttribute("retryAfter", seconds);
		model.addAttribute("email", request.getParameter(SignInPaths.EMAIL_PARAMETER));
		return "accounts/signin";
	}

}
