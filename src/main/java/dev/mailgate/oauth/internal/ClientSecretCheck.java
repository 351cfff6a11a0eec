package dev.mailgate.oauth.internal;

import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.Apps;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Authenticates clients by {@code client_secret_basic} and {@code client_secret_post}
 * against every active secret of the app (rotation keeps several), with one SHA-256 and
 * no slow hash: the secrets carry 256 random bits. Replaces Spring AS's one-secret,
 * one-encoder provider.
 */
class ClientSecretCheck implements AuthenticationProvider {

	static final String RFC6749_2_3_1 = "https://datatracker.ietf.org/doc/html/rfc6749#section-2.3.1";

	private final Apps apps;

	private final AppClients clients;

	private final PkceCheck pkce;

	ClientSecretCheck(Apps apps, AppClients clients, PkceCheck pkce) {
		this.apps = apps;
		this.clients = clients;
		this.pkce = pkce;
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) {
		OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) authentication;
		ClientAuthenticationMethod method = client.getClientAuthenticationMethod();
		if (!ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(method)
				&& !ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(method)) {
			return null;
		}
		String clientId = client.getPrincipal().toString();
		AppClient app = this.apps.byClientId(clientId).filter((found) -> !found.suspended()).orElse(null);
		if (app == null || !app.confidential() || !(client.getCredentials() instanceof String secret)
				|| !this.apps.secretMatches(app, secret, remoteAddress())) {
			throw new OAuth2AuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed", RFC6749_2_3_1));
		}
		this.pkce.verify(client.getAdditionalParameters());
		RegisteredClient registered = this.clients.toRegisteredClient(app);
		return new OAuth2ClientAuthenticationToken(registered, method, null);
	}

	private static @Nullable String remoteAddress() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)
				? request.getRequest().getRemoteAddr() : null;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
