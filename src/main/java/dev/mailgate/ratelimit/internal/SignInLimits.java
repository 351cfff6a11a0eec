package dev.mailgate.ratelimit.internal;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.accounts.SignInPages;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hard budgets of sign-in attempts (posts of the sign-in form), per IP address and per
 * account, whatever their outcome, before Spring Security checks anything. They come on
 * top of the accounts module's slow-down after failed attempts. A refused attempt gets
 * 429 and the sign-in page saying how long to wait.
 */
class SignInLimits extends OncePerRequestFilter {

	private static final int LONGEST_EMAIL = 320;

	private final Limiter limiter;

	private final Policies policies;

	private final Refusals refusals;

	SignInLimits(Limiter limiter, Policies policies, Refusals refusals) {
		this.limiter = limiter;
		this.policies = policies;
		this.refusals = refusals;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = request.getRemoteAddr();
		Decision decision = this.limiter.take(this.policies.signInPerIp(), address);
		String account = account(request.getParameter(SignInPages.EMAIL_PARAMETER));
		if (decision instanceof Decision.Passed || decision instanceof Decision.Allowed) {
			decision = account.isEmpty() ? decision : this.limiter.take(this.policies.signInPerAccount(), account);
		}
		if (decision instanceof Decision.Refused refused) {
			Responses.refuse(response, HttpStatus.TOO_MANY_REQUESTS.value(), refused);
			this.refusals.refused(refused.budget(), null, address);
			request.setAttribute(SignInPages.RETRY_AFTER_ATTRIBUTE, refused.retryAfterSeconds());
			request.getRequestDispatcher(SignInPages.THROTTLED).forward(request, response);
			return;
		}
		if (decision instanceof Decision.StoreDown down) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(down.retryAfterSeconds()));
			response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
			return;
		}
		chain.doFilter(request, response);
	}

	private static String account(@Nullable String email) {
		if (email == null) {
			return "";
		}
		String account = email.strip().toLowerCase(Locale.ROOT);
		return (account.length() > LONGEST_EMAIL) ? account.substring(0, LONGEST_EMAIL) : account;
	}

}
