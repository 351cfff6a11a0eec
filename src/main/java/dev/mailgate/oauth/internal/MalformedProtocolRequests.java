package dev.mailgate.oauth.internal;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import dev.mailgate.platform.ErrorDetail;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns away malformed requests that Spring Authorization Server 7.0 answers with a 500
 * (all found by fuzzing, see docs/fuzzing.md): an {@code Authorization} header of nothing
 * but whitespace at the client-authenticating endpoints
 * ({@code ClientSecretBasicAuthenticationConverter} reads the first word of an empty
 * split), HTTP Basic credentials with an empty client id (the same converter builds a
 * token that asserts it has one), and a repeated {@code request_uri} at the authorization
 * endpoint, like any other repeated parameter there (its validating filter casts
 * {@code request_uri} and {@code code_challenge} to a single string). RFC 6749 §3.1:
 * parameters must not be repeated; §2.3.1: Basic credentials name the client.
 */
class MalformedProtocolRequests extends OncePerRequestFilter {

	/**
	 * The converter's {@code split("\\s")}, compiled once: {@code String.split} compiled
	 * it on every call, and this filter split the header twice, in all about 1 % of a
	 * client_credentials request.
	 */
	private static final Pattern WHITESPACE = Pattern.compile("\\s");

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
		String[] words = (authorization != null) ? WHITESPACE.split(authorization) : null;
		if (words != null && words.length == 0) {
			this.errors.onAuthenticationFailure(request, response, new OAuth2AuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "The Authorization header is empty", null)));
			return;
		}
		if (words != null && basicWithoutClientId(words)) {
			this.errors.onAuthenticationFailure(request, response, new OAuth2AuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "The Basic credentials name no client", null)));
			return;
		}
		if (request.getRequestURI().equals(request.getContextPath() + this.authorizationEndpoint)
				&& repeatsAParameter(request)) {
			ErrorDetail.attach(request, "This sign-in link is not valid (a parameter is repeated). The app that sent "
					+ "you here may be misconfigured; go back and try again, or contact its developer.");
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * RFC 6749 §3.1: no parameter may appear twice. Spring Authorization Server checks
	 * the ones its converter reads, but casts others (request_uri, code_challenge) to a
	 * single string later and fails.
	 */
	private static boolean repeatsAParameter(HttpServletRequest request) {
		// the consent form posts one scope parameter per ticked scope: requests only
		return HttpMethod.GET.matches(request.getMethod())
				&& request.getParameterMap().values().stream().anyMatch((values) -> values.length > 1);
	}

	/**
	 * Read the way {@code ClientSecretBasicAuthenticationConverter} reads it: two words
	 * (the header split on whitespace), then {@code id:secret} in base64 with the id
	 * form-encoded.
	 */
	private static boolean basicWithoutClientId(String[] parts) {
		if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
			return false;
		}
		try {
			String[] credentials = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8).split(":",
					2);
			return credentials.length == 2 && URLDecoder.decode(credentials[0], StandardCharsets.UTF_8).isBlank();
		}
		catch (IllegalArgumentException ex) {
			return false; // the converter answers invalid_request itself
		}
	}

}
