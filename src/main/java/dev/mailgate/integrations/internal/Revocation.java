package dev.mailgate.integrations.internal;

import dev.mailgate.platform.ClientSecretBasic;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClientException;

/**
 * Asks a provider to revoke a connection's tokens at its revocation endpoint (RFC 7009
 * §2.1): the refresh token first (which, at most providers, takes the access tokens
 * issued with it along), then the access token, each with its {@code token_type_hint},
 * authenticating as Mailgate the way the provider expects.
 */
@Component
class Revocation {

	private final ProviderHttp http;

	private final JdbcProviders providers;

	Revocation(ProviderHttp http, JdbcProviders providers) {
		this.http = http;
		this.providers = providers;
	}

	/**
	 * @return whether the provider confirmed (HTTP 200, RFC 7009 §2.2) revoking every
	 * token; {@code false} when it has no revocation endpoint or did not answer so
	 */
	boolean revoke(Provider provider, TokenSet tokens) {
		if (provider.revocationUri() == null) {
			return false;
		}
		String secret = this.providers.clientSecret(provider.id());
		boolean revoked = true;
		if (tokens.refreshToken() != null) {
			revoked = revoke(provider, secret, tokens.refreshToken(), "refresh_token");
		}
		return revoke(provider, secret, tokens.accessToken(), "access_token") && revoked;
	}

	private boolean revoke(Provider provider, String secret, String token, String hint) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("token", token);
		form.add("token_type_hint", hint);
		@Nullable String authorization = null;
		if ("client_secret_post".equals(provider.clientAuthMethod())) {
			form.add("client_id", provider.clientId());
			form.add("client_secret", secret);
		}
		else {
			authorization = ClientSecretBasic.authorization(provider.clientId(), secret);
		}
		String header = authorization;
		try {
			return this.http.client()
				.post()
				.uri(provider.revocationUri())
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.headers((headers) -> {
					if (header != null) {
						headers.set(HttpHeaders.AUTHORIZATION, header);
					}
				})
				.body(form)
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.value() == 200;
		}
		catch (RestClientException | IllegalArgumentException ex) {
			return false;
		}
	}

}
