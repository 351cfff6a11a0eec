package dev.mailgate.oauth.internal;

import java.io.IOException;

import dev.mailgate.platform.ErrorDetail;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns away, with a 400, two malformed requests that Spring Authorization Server 7.0
 * answers with a 500 (both found by fuzzing, see docs/fuzzing.md): an
 * {@code Authorization} header of nothing but whitespace at the client-authenticating
 * endpoints ({@code ClientSecretBasicAuthenticationConverter} reads the first word of an
 * empty split), and a repeated {@code request_uri} at the authorization endpoint (its
 * validating filter casts the parameter to a single string). RFC 6749 §3.1: parameters
 * must not be repeated.
 */
class MalformedProtocolRequests extends OncePerRequestFilter {

	private final OAuthErrors errors;

	private final String authorizationEndpoint;

	MalformedProtocolRequests(OAuthErrors errors, String authorizationEndpoint) {
		this.errors = errors;
		this.authorizationEndpoint = authorizationEndpoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.split("\\s").length == 0) {
			this.errors.onAuthenticationFailure(request, response, new OAuth2AuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "The Authorization header is empty", null)));
			return;
		}
		String[] requestUris = request.getParameterValues(OAuth2ParameterNames.REQUEST_URI);
		if (requestUris != null && requestUris.length > 1
				&& request.getRequestURI().equals(request.getContextPath() + this.authorizationEndpoint)) {
			ErrorDetail.attach(request, "This sign-in link is not valid (request_uri is repeated). The app that sent "
					+ "you here may be misconfigured; go back and try again, or contact its developer.");
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		chain.doFilter(request, response);
	}

}
