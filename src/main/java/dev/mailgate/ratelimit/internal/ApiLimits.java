package dev.mailgate.ratelimit.internal;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs after Spring Security on {@code /api/v1/**}, where the caller is known: each
 * request takes one from the budget of its app in its workspace (the access token's
 * {@code client_id} and {@code workspace_id}). Every answer carries the
 * {@code RateLimit-Policy} and {@code RateLimit} fields; a spent budget gets a 429
 * problem.
 */
class ApiLimits extends OncePerRequestFilter {

	private final Limiter limiter;

	private final Policies policies;

	private final Refusals refusals;

	ApiLimits(Limiter limiter, Policies policies, Refusals refusals) {
		this.limiter = limiter;
		this.policies = policies;
		this.refusals = refusals;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken token)
				|| !(token.getToken().getClaims().get("client_id") instanceof String clientId)) {
			chain.doFilter(request, response);
			return;
		}
		Map<String, Object> claims = token.getToken().getClaims();
		Object workspace = claims.get("workspace_id");
		String key = (workspace != null) ? clientId + ' ' + workspace : clientId;
		Budget budget = this.policies.api(clientId);
		Decision decision = this.limiter.take(budget, key);
		if (decision instanceof Decision.Allowed allowed) {
			Responses.describe(response, allowed);
		}
		else if (decision instanceof Decision.Refused refused) {
			Responses.refuse(response, HttpStatus.TOO_MANY_REQUESTS.value(), refused);
			this.refusals.refused(budget, clientId, request.getRemoteAddr());
			Responses.problem(response, Responses.QUOTA_EXCEEDED,
					"Request cannot be satisfied as assigned quota has been exceeded",
					"This app may send %d requests per %d seconds in this workspace; try again in %d seconds."
						.formatted(budget.quota(), budget.window().toSeconds(), refused.retryAfterSeconds()),
					budget.name());
			return;
		}
		else if (decision instanceof Decision.StoreDown down) {
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(down.retryAfterSeconds()));
			Responses.problem(response, "about:blank", "Service Unavailable",
					"Rate limits cannot be checked right now; try again in %d seconds."
						.formatted(down.retryAfterSeconds()));
			return;
		}
		chain.doFilter(request, response);
	}

}
