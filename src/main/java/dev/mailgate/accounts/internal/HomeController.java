package dev.mailgate.accounts.internal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

	private final JdbcAccounts accounts;

	HomeController(JdbcAccounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/")
	String showHome(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("memberships", this.accounts.membershipsOf(user.id()));
		return "accounts/home";
	}

}
