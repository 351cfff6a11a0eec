package dev.mailgate.accounts.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.accounts.SignInPages;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stops a sign-in attempt before the password is even checked while its account or
 * address has to wait, answering 429 with {@code Retry-After} and the sign-in page.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

	static final String RETRY_AFTER_ATTRIBUTE = SignInPages.RETRY_AFTER_ATTRIBUTE;

	private final SignInThrottle throttle;

	SignInThrottleFilter(SignInThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod())
				&& (request.getContextPath() + SignInPaths.SIGN_IN).equals(request.getRequestURI()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Duration> wait = this.throttle.waitFor(request.getParameter(SignInPaths.EMAIL_PARAMETER),
				request.getRemoteAddr());
		if (wait.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, wait.get().toSeconds() + ((wait.get().toNanosPart() > 0) ? 1 : 0));
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		request.setAttribute(RETRY_AFTER_ATTRIBUTE, seconds);
		request.getRequestDispatcher(SignInPaths.THROTTLED).forward(request, response);
	}

}
