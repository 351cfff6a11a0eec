package dev.mailgate.accounts.internal;

import dev.mailgate.accounts.SignInPages;

/**
 * The addresses and form fields of signing in, shared by the chain and the pages.
 */
final class SignInPaths {

	static final String SIGN_IN = SignInPages.SIGN_IN;

	static final String THROTTLED = SignInPages.THROTTLED;

	static final String SIGN_UP = "/signup";

	static final String EMAIL_PARAMETER = SignInPages.EMAIL_PARAMETER;

	private SignInPaths() {
	}

}
