package dev.mailgate.oauth.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The API's 401 and 403: Spring Security's RFC 6750 {@code WWW-Authenticate} header (with
 * the RFC 9728 {@code resource_metadata} link), and an RFC 9457 problem body a developer
 * can read.
 */
class ProblemBearerResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler accessDenied = new BearerTokenAccessDeniedHandler();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		this.entryPoint.commence(request, response, exception);
		String detail = (request.getHeader("Authorization") == null)
				? "This endpoint needs an access token: send it as 'Authorization: Bearer <token>'."
				: "The access token is unknown, expired, revoked or malformed.";
		write(response, "Unauthorized", detail);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		this.accessDenied.handle(request, response, exception);
		write(response, "Forbidden",
				"The access token lacks the scope this endpoint needs; see the WWW-Authenticate header.");
	}

	private static void write(HttpServletResponse response, String title, String detail) throws IOException {
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}".formatted(title,
					response.getStatus(), detail));
	}

}
