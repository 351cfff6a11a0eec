package dev.mailgate.ratelimit.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.oauth.ClaimedClient;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs before Spring Security at the token, introspection and revocation endpoints.
 * <ol>
 * <li>While the caller's address or the client id it names has failed client
 * authentication too often, the request gets 429 before any authentication is tried.
 * <li>At the token endpoint, a request naming a client id takes one from that app's
 * budget, and gets it back if the client then fails to authenticate (401): a caller
 * without the app's credentials cannot spend the app's budget.
 * </ol>
 * Refusals keep OAuth's JSON error shape (RFC 6749 §5.2).
 */
class OAuthEndpointLimits extends OncePerRequestFilter {

	static final String TOKEN_ENDPOINT = "/oauth2/token";

	private final Limiter limiter;

	private final Policies policies;

	private final Refusals refusals;

	OAuthEndpointLimits(Limiter limiter, Policies policies, Refusals refusals) {
		this.limiter = limiter;
		this.policies = policies;
		this.refusals = refusals;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = request.getRemoteAddr();
		String clientId = ClaimedClient.of(request);
		Decision failures = failedTooOften(address, clientId);
		if (!(failures instanceof Decision.Passed)) {
			refuse(response, failures, clientId, address,
					"Too many failed client authentications from this address or for this client id");
			return;
		}
		if (clientId == null || !request.getRequestURI().endsWith(TOKEN_ENDPOINT)) {
			chain.doFilter(request, response);
			return;
		}
		Budget budget = this.policies.tokenEndpoint(clientId);
		Decision decision = this.limiter.take(budget, clientId);
		if (decision instanceof Decision.Refused || decision instanceof Decision.StoreDown) {
			refuse(response, decision, clientId, address, "This app has used its token requests for now");
			return;
		}
		chain.doFilter(request, response);
		if (decision instanceof Decision.Allowed && response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
			this.limiter.giveBack(budget, clientId);
		}
	}

	private Decision failedTooOften(String address, @Nullable String clientId) {
		Decision byAddress = this.limiter.peek(this.policies.clientAuthPerIp(), address);
		if (!(byAddress instanceof Decision.Passed) || clientId == null) {
			return byAddress;
		}
		return this.limiter.peek(this.policies.clientAuthPerClient(), clientId);
	}

	private void refuse(HttpServletResponse response, Decision decision, @Nullable String clientId, String address,
			String reason) throws IOException {
		if (decision instanceof Decision.Refused refused) {
			Responses.refuse(response, HttpStatus.TOO_MANY_REQUESTS.value(), refused);
			this.refusals.refused(refused.budget(), clientId, address);
			Responses.oauthError(response, Responses.TEMPORARILY_UNAVAILABLE,
					"%s: try again in %d seconds".formatted(reason, refused.retryAfterSeconds()));
		}
		else if (decision instanceof Decision.StoreDown down) {
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			response.setHeader("Retry-After", Long.toString(down.retryAfterSeconds()));
			Responses.oauthError(response, Responses.TEMPORARILY_UNAVAILABLE,
					"Rate limits cannot be checked right now: try again in %d seconds"
						.formatted(down.retryAfterSeconds()));
		}
	}

}
