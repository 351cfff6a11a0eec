package dev.mailgate.ratelimit.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The headers and bodies of the rate limits' answers: the {@code RateLimit-Policy} and
 * {@code RateLimit} fields of draft-ietf-httpapi-ratelimit-headers (§3 and §4, as
 * Structured Field lists), {@code Retry-After}, an RFC 6749 §5.2 error for the OAuth
 * endpoints and an RFC 9457 problem for the API.
 */
final class Responses {

	static final String RATE_LIMIT_POLICY = "RateLimit-Policy";

	static final String RATE_LIMIT = "RateLimit";

	/**
	 * The problem type of draft-ietf-httpapi-ratelimit-headers §5.1.
	 */
	static final String QUOTA_EXCEEDED = "https://iana.org/assignments/http-problem-types#quota-exceeded";

	/**
	 * The OAuth error code of a refused token, introspection or revocation request. RFC
	 * 6749 defines none for rate limits; {@code temporarily_unavailable} (registered for
	 * the authorization endpoint, §4.1.2.1) is the one client libraries already treat as
	 * "try again later", with nothing wrong in the request or the credentials
	 * (docs/rate-limits.md).
	 */
	static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

	private Responses() {
	}

	/**
	 * {@code RateLimit-Policy: "api";q=100;w=10} and {@code RateLimit: "api";r=99;t=10}.
	 */
	static void describe(HttpServletResponse response, Decision.Allowed allowed) {
		response.setHeader(RATE_LIMIT_POLICY, allowed.budget().policyHeader());
		response.setHeader(RATE_LIMIT, serviceLimit(allowed.budget(), allowed.remaining(), allowed.resetSeconds()));
	}

	/**
	 * The status, {@code Retry-After} and both fields of a refusal; the
	 * {@code Retry-After} is the end of the effective window, as §6 asks.
	 */
	static void refuse(HttpServletResponse response, int status, Decision.Refused refused) {
		response.setStatus(status);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
		response.setHeader(RATE_LIMIT_POLICY, refused.budget().policyHeader());
		response.setHeader(RATE_LIMIT, serviceLimit(refused.budget(), 0, refused.retryAfterSeconds()));
	}

	static String serviceLimit(Budget budget, long remaining, long seconds) {
		StringBuilder value = new StringBuilder(budget.name().length() + 24).append('"')
			.append(budget.name())
			.append("\";r=")
			.append(remaining);
		if (seconds > 0) {
			value.append(";t=").append(seconds);
		}
		return value.toString();
	}

	/**
	 * An RFC 6749 §5.2 error body with {@code Cache-Control: no-store} (§5.1).
	 */
	static void oauthError(HttpServletResponse response, String error, String description) throws IOException {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write("{\"error\":\"%s\",\"error_description\":\"%s\"}".formatted(error, description));
	}

	/**
	 * An RFC 9457 problem; the refused policy, if any, under {@code violated-policies}
	 * (draft-ietf-httpapi-ratelimit-headers §5.1).
	 */
	static void problem(HttpServletResponse response, String type, String title, String detail,
			String... violatedPolicies) throws IOException {
		StringBuilder json = new StringBuilder(256).append("{\"type\":\"")
			.append(type)
			.append("\",\"title\":\"")
			.append(title)
			.append("\",\"status\":")
			.append(response.getStatus())
			.append(",\"detail\":\"")
			.append(detail)
			.append('"');
		if (violatedPolicies.length > 0) {
			json.append(",\"violated-policies\":[\"").append(String.join("\",\"", violatedPolicies)).append("\"]");
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(json.append('}').toString());
	}

}
