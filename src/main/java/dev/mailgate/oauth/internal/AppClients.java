package dev.mailgate.oauth.internal;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.AppId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.TokenFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Mailgate's apps as Spring Authorization Server's registered clients. Apps are
 * registered through the {@code apps} module (the portal, its API or RFC 7591), never
 * here. Every client must use PKCE and be granted consent; secrets are checked by
 * {@link ClientSecretCheck}, so the registered client carries none.
 */
@Component
class AppClients implements RegisteredClientRepository {

	private final Apps apps;

	private final OAuthProperties properties;

	/**
	 * The registered client built for each app the {@code apps} module holds in its
	 * cache, by identity: Spring AS asks for it on every token, introspection and
	 * revocation request (building it took about 4 % of an introspection). A changed app
	 * is a new {@link AppClient}, so it gets a new one; the old entry goes with its key.
	 */
	private final Cache<AppClient, RegisteredClient> built = Caffeine.newBuilder()
		.weakKeys()
		.maximumSize(10_000)
		.build();

	AppClients(Apps apps, OAuthProperties properties) {
		this.apps = apps;
		this.properties = properties;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		throw new IllegalStateException("Apps are registered through the apps module, not by the authorization server");
	}

	@Override
	public @Nullable RegisteredClient findById(String id) {
		try {
			return this.apps.byId(AppId.parse(id)).map(this::toRegisteredClient).orElse(null);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@Override
	public @Nullable RegisteredClient findByClientId(String clientId) {
		return this.apps.byClientId(clientId)
			.filter((app) -> !app.suspended())
			.map(this::toRegisteredClient)
			.orElse(null);
	}

	RegisteredClient toRegisteredClient(AppClient app) {
		return this.built.get(app, this::build);
	}

	private RegisteredClient build(AppClient app) {
		RegisteredClient.Builder client = RegisteredClient.withId(app.id().toString())
			.clientId(app.clientId())
			.clientIdIssuedAt(app.createdAt())
			.clientName(app.name());
		ClientSettings.Builder settings = ClientSettings.builder()
			.requireProofKey(true)
			.requireAuthorizationConsent(true);
		if (app.keys() != null) {
			client.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
			// Spring AS reads an asymmetric algorithm here as "private_key_jwt"; the
			// accepted
			// algorithms are ClientAssertions.ALGORITHMS.
			settings.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256);
			if (app.keys().jwksUri() != null) {
				settings.jwkSetUrl(app.keys().jwksUri());
			}
			if (app.keys().jwks() != null) {
				settings.setting(ClientAssertions.INLINE_JWKS, app.keys().jwks());
			}
		}
		else if (app.confidential()) {
			client.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		}
		else {
			client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
		}
		app.grantTypes().forEach((grant) -> client.authorizationGrantType(new AuthorizationGrantType(grant)));
		app.redirectUris().forEach(client::redirectUri);
		app.scopes().forEach(client::scope);
		return client.clientSettings(settings.build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenFormat((app.tokenFormat() == TokenFormat.JWT) ? OAuth2TokenFormat.SELF_CONTAINED
						: OAuth2TokenFormat.REFERENCE)
				.accessTokenTimeToLive(app.accessTokenTtl())
				.authorizationCodeTimeToLive(this.properties.codeTtl())
				.refreshTokenTimeToLive(this.properties.refreshTokenIdleTtl())
				.reuseRefreshTokens(false)
				.idTokenSignatureAlgorithm(SignatureAlgorithm.ES256)
				.deviceCodeTimeToLive(Duration.ofMinutes(5))
				.build())
			.build();
	}

}
