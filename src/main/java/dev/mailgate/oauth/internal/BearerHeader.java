package dev.mailgate.oauth.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The API's bearer token, read from the {@code Authorization} header only (RFC 6750 §2.1;
 * never from the query or the body, RFC 9700 §4.3.2). It accepts and refuses what Spring
 * Security's {@code DefaultBearerTokenResolver} does, with the same errors, but checks
 * the {@code b64token} syntax by hand instead of with a regular expression, and records
 * the caller's address without asking for a session the stateless API never has. Both ran
 * on every API request (docs/benchmarks.md, "The API GET").
 */
final class BearerHeader implements AuthenticationConverter {

	private static final String SCHEME = "Bearer";

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		String token = token(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (token == null) {
			return null;
		}
		BearerTokenAuthenticationToken authentication = new BearerTokenAuthenticationToken(token);
		authentication.setDetails(new WebAuthenticationDetails(request.getRemoteAddr(), null));
		return authentication;
	}

	/**
	 * The token of a {@code Bearer} header, or {@code null} for no header or another
	 * scheme.
	 * @throws OAuth2AuthenticationException {@code invalid_token} when the header names
	 * the scheme but its token is not a {@code b64token}
	 */
	static @Nullable String token(@Nullable String authorization) {
		// the scheme is case-insensitive (RFC 9110 §11.1)
		if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return null;
		}
		int start = SCHEME.length() + 1;
		if (authorization.length() <= start || authorization.charAt(start - 1) != ' '
				|| !isB64Token(authorization, start)) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
		}
		return authorization.substring(start);
	}

	/**
	 * RFC 6750 §2.1:
	 * {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}.
	 */
	private static boolean isB64Token(String value, int start) {
		int end = value.length();
		while (end > start && value.charAt(end - 1) == '=') {
			end--;
		}
		if (end == start) {
			return false;
		}
		for (int i = start; i < end; i++) {
			char c = value.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

}
