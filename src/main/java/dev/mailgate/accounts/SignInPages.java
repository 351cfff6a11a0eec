package dev.mailgate.accounts;

/**
 * The sign-in form's address and fields, and where another module sends a sign-in it
 * refuses (the rate limits): set the status (429), {@code Retry-After} and
 * {@link #RETRY_AFTER_ATTRIBUTE}, then forward the request to {@link #THROTTLED}, which
 * shows the sign-in page with how long to wait.
 */
public final class SignInPages {

	/** Where the sign-in form is shown and posted. */
	public static final String SIGN_IN = "/login";

	/** The sign-in page that says how long to wait. */
	public static final String THROTTLED = "/login/throttled";

	/** The form field with the account's email address. */
	public static final String EMAIL_PARAMETER = "email";

	/**
	 * The request attribute with the seconds to wait (a number) that {@link #THROTTLED}
	 * shows.
	 */
	public static final String RETRY_AFTER_ATTRIBUTE = "dev.mailgate.accounts.signIn.retryAfter";

	private SignInPages() {
	}

}
