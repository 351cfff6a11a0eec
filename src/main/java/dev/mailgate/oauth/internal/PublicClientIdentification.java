package dev.mailgate.oauth.internal;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import dev.mailgate.apps.Apps;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Identifies a public client by its {@code client_id} alone for the requests a public
 * client makes besides exchanging a code (which Spring AS covers, with PKCE): refreshing
 * (RFC 6749 §6, its refresh tokens rotate), revoking its tokens (RFC 7009 §2.1), and
 * asking for a grant it may not use, which then gets {@code unauthorized_client} rather
 * than a puzzling {@code invalid_client}.
 */
final class PublicClientIdentification {

	private PublicClientIdentification() {
	}

	static final class Converter implements AuthenticationConverter {

		@Override
		public @Nullable Authentication convert(HttpServletRequest request) {
			if (!"POST".equals(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
					|| request.getRequestURI().endsWith("/introspect")) {
				return null;
			}
			String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
			if (clientIds == null || clientIds.length != 1 || clientIds[0].isBlank()
					|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
					|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null
					|| "authorization_code".equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
				return null;
			}
			Map<String, Object> parameters = new HashMap<>();
			request.getParameterMap().forEach((name, values) -> {
				if (!name.equals(OAuth2ParameterNames.CLIENT_ID)) {
					parameters.put(name, (values.length == 1) ? values[0] : values);
				}
			});
			return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null, parameters);
		}

	}

	static final class Provider implements AuthenticationProvider {

		private final Apps apps;

		private final AppClients clients;

		Provider(Apps apps, AppClients clients) {
			this.apps = apps;
			this.clients = clients;
		}

		@Override
		public @Nullable Authentication authenticate(Authentication authentication) {
			OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) authentication;
			if (!ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod()) || "authorization_code"
				.equals(client.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE))) {
				return null;
			}
			return this.apps.byClientId(client.getPrincipal().toString())
				.filter((app) -> !app.confidential() && !app.suspended())
				.map((app) -> new OAuth2ClientAuthenticationToken(this.clients.toRegisteredClient(app),
						ClientAuthenticationMethod.NONE, null))
				.orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
						"Client authentication failed", ClientSecretCheck.RFC6749_2_3_1)));
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
		}

	}

}
