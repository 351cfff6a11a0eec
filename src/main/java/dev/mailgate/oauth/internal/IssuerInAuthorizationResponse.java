package dev.mailgate.oauth.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mailgate.platform.ErrorDetail;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Answers authorization requests as Spring AS does, plus the {@code iss} parameter in
 * every response, success or error, that goes back to the client (RFC 9207 §2), which
 * Spring AS does not add. A request whose redirect URI cannot be trusted is never
 * redirected: the person sees an error page saying why (RFC 6749 §4.1.2.1, RFC 9700
 * §4.1).
 */
class IssuerInAuthorizationResponse implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	private final String issuer;

	private final RedirectStrategy redirects = new DefaultRedirectStrategy();

	IssuerInAuthorizationResponse(String issuer) {
		this.issuer = issuer;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2AuthorizationCodeRequestAuthenticationToken granted = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(granted.getRedirectUri())
			.queryParam(OAuth2ParameterNames.CODE, granted.getAuthorizationCode().getTokenValue());
		redirect(request, response, uri, granted.getState());
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException failed)
				? failed.getError() : new OAuth2Error("invalid_request");
		OAuth2AuthorizationCodeRequestAuthenticationToken attempt = (exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException failed)
				? failed.getAuthorizationCodeRequestAuthentication() : null;
		if (attempt == null || !StringUtils.hasText(attempt.getRedirectUri())) {
			ErrorDetail.attach(request, explain(error));
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(attempt.getRedirectUri())
			.queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
		if (StringUtils.hasText(error.getDescription())) {
			uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, encode(error.getDescription()));
		}
		if (StringUtils.hasText(error.getUri())) {
			uri.queryParam(OAuth2ParameterNames.ERROR_URI, encode(error.getUri()));
		}
		redirect(request, response, uri, attempt.getState());
	}

	/**
	 * Sends the person back to the app with an error, such as {@code access_denied}.
	 */
	void deny(HttpServletRequest request, HttpServletResponse response, String redirectUri, String state,
			String errorCode) throws IOException {
		redirect(request, response,
				UriComponentsBuilder.fromUriString(redirectUri).queryParam(OAuth2ParameterNames.ERROR, errorCode),
				state);
	}

	private void redirect(HttpServletRequest request, HttpServletResponse response, UriComponentsBuilder uri,
			String state) throws IOException {
		if (StringUtils.hasText(state)) {
			uri.queryParam(OAuth2ParameterNames.STATE, encode(state));
		}
		uri.queryParam("iss", encode(this.issuer));
		// build(true): every component is encoded already
		this.redirects.sendRedirect(request, response, uri.build(true).toUriString());
	}

	private static String explain(OAuth2Error error) {
		String parameter = (error.getDescription() != null) ? error.getDescription() : error.getErrorCode();
		return "This sign-in link is not valid (" + parameter + "). The app that sent you here may be "
				+ "misconfigured; go back and try again, or contact its developer.";
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

}
