package dev.mailgate.accounts.internal;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the signed-in user (or nothing), for the layout's header.
 */
@ControllerAdvice
class CurrentUser {

	@ModelAttribute("currentUser")
	@Nullable SignedInUser currentUser(@AuthenticationPrincipal @Nullable SignedInUser user) {
		return user;
	}

}
