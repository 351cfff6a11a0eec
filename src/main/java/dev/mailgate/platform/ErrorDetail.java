package dev.mailgate.platform;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A safe, plain-language explanation that a module attaches to a request before answering
 * it with an error status, for the error page (or problem) to show instead of the generic
 * text. Never an exception message.
 */
public final class ErrorDetail {

	public static final String ATTRIBUTE = ErrorDetail.class.getName();

	private ErrorDetail() {
	}

	public static void attach(HttpServletRequest request, String detail) {
		request.setAttribute(ATTRIBUTE, detail);
	}

}
