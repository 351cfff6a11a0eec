package dev.mailgate.oauth.internal;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.Apps;
import dev.mailgate.oauth.OAuthEvents;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Tells the audit log, the alert rules and the rate limits about every failed client
 * authentication (the client id it claimed and the caller's address, never what it
 * presented), then answers as {@link OAuthErrors} does.
 */
class ClientAuthenticationFailures implements AuthenticationFailureHandler {

	private static final int LONGEST_CLIENT_ID = 200;

	private final OAuthErrors errors;

	private final Apps apps;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ClientAuthenticationFailures(OAuthErrors errors, Apps apps, ApplicationEventPublisher events, Clock clock) {
		this.errors = errors;
		this.apps = apps;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (exception instanceof OAuth2AuthenticationException oauth
				&& OAuth2ErrorCodes.INVALID_CLIENT.equals(oauth.getError().getErrorCode())) {
			String clientId = claimedClientId(request);
			AppClient app = (clientId != null) ? this.apps.byClientId(clientId).orElse(null) : null;
			this.events
				.publishEvent(new OAuthEvents.ClientAuthenticationFailed((app != null) ? app.id() : null, clientId,
						request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT), this.clock.instant()));
		}
		this.errors.onAuthenticationFailure(request, response, exception);
	}

	/**
	 * The client id from HTTP Basic (form-urlencoded, RFC 6749 §2.3.1) or the
	 * {@code client_id} parameter.
	 */
	static @Nullable String claimedClientId(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		String clientId = null;
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				clientId = URLDecoder.decode((colon >= 0) ? decoded.substring(0, colon) : decoded,
						StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				clientId = null;
			}
		}
		if (clientId == null) {
			clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
		}
		if (clientId == null || clientId.isBlank()) {
			return null;
		}
		return (clientId.length() > LONGEST_CLIENT_ID) ? clientId.substring(0, LONGEST_CLIENT_ID) : clientId;
	}

}
