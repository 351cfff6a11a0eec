package dev.mailgate.oauth.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Token, revocation and introspection errors in RFC 6749 §5.2's shape:
 * {@code invalid_client} is a 401, with {@code WWW-Authenticate: Basic} when the client
 * tried HTTP Basic; everything else a 400.
 */
class OAuthErrors implements AuthenticationFailureHandler, AuthenticationEntryPoint {

	private final OAuth2ErrorHttpMessageConverter json = new OAuth2ErrorHttpMessageConverter();

	/**
	 * A request to the token, revocation or introspection endpoint without any client
	 * authentication: {@code invalid_client}, as RFC 6749 §5.2 says, not an empty 401.
	 */
	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		onAuthenticationFailure(request, response, new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication is required", null)));
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
		ServletServerHttpResponse http = new ServletServerHttpResponse(response);
		http.getHeaders().setCacheControl("no-store");
		if (OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())) {
			http.setStatusCode(HttpStatus.UNAUTHORIZED);
			String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
			if (authorization == null || authorization.regionMatches(true, 0, "Basic", 0, 5)) {
				http.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Mailgate\"");
			}
		}
		else {
			http.setStatusCode(HttpStatus.BAD_REQUEST);
		}
		this.json.write(error, null, http);
	}

}
