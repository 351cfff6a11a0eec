package dev.mailgate.oauth.internal;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.Apps;
import dev.mailgate.oauth.ClaimedClient;
import dev.mailgate.oauth.OAuthEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Tells the audit log, the alert rules and the rate limits about every failed client
 * authentication (the client id it claimed and the caller's address, never what it
 * presented), then answers as {@link OAuthErrors} does.
 */
class ClientAuthenticationFailures implements AuthenticationFailureHandler {

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
			String clientId = ClaimedClient.of(request);
			AppClient app = (clientId != null) ? this.apps.byClientId(clientId).orElse(null) : null;
			this.events
				.publishEvent(new OAuthEvents.ClientAuthenticationFailed((app != null) ? app.id() : null, clientId,
						request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT), this.clock.instant()));
		}
		this.errors.onAuthenticationFailure(request, response, exception);
	}

}
