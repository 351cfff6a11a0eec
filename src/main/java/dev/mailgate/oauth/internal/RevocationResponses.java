package dev.mailgate.oauth.internal;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.apps.AppId;
import dev.mailgate.oauth.OAuthEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Answers a revocation with 200 (RFC 7009 §2.2, also for tokens that were unknown) and
 * tells the audit log which app revoked a token of whose.
 */
class RevocationResponses implements AuthenticationSuccessHandler {

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RevocationResponses(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) {
		if (authentication instanceof OAuth2TokenRevocationAuthenticationToken revocation
				&& revocation.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
				&& client.getRegisteredClient() != null) {
			RegisteredClient registered = client.getRegisteredClient();
			this.events.publishEvent(new OAuthEvents.TokenRevoked(AppId.parse(registered.getId()),
					registered.getClientId(), this.clock.instant()));
		}
		response.setStatus(HttpStatus.OK.value());
	}

}
