package dev.mailgate.accounts.internal;

/**
 * The addresses and form fields of signing in, shared by the chain and the pages.
 */
final class SignInPaths {

	static final String SIGN_IN = "/login";

	static final String THROTTLED = "/login/throttled";

	static final String SIGN_UP = "/signup";

	static final String EMAIL_PARAMETER = "email";

	private SignInPaths() {
	}

}
