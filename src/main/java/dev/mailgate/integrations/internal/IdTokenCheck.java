package dev.mailgate.integrations.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.mailgate.platform.CredentialFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Exchanges the authorization code, and for OpenID providers checks the ID token before
 * anything is stored (OpenID Connect Core §3.1.3.7): its signature against the provider's
 * JWKS, {@code iss}, {@code aud}, {@code exp}, and that its {@code nonce} is the one this
 * browser's request carried. Spring's {@code oauth2Client} checks none of that itself.
 * The checked claims are left on the request for {@link ConnectionsAuthorizedClients},
 * which names the account after them.
 */
@Component
class IdTokenCheck implements OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> {

	static final String CLAIMS = IdTokenCheck.class.getName() + ".claims";

	private static final String INVALID_ID_TOKEN = "invalid_id_token";

	/** Bounded like {@link ProviderHttp}: a slow JWKS cannot hold the callback. */
	private static final RestTemplate JWKS_CLIENT = jwksClient();

	private final TokenEndpoint tokenEndpoint;

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	IdTokenCheck(TokenEndpoint tokenEndpoint) {
		this.tokenEndpoint = tokenEndpoint;
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(OAuth2AuthorizationCodeGrantRequest request) {
		OAuth2AccessTokenResponse response = this.tokenEndpoint.codes().getTokenResponse(request);
		ClientRegistration registration = request.getClientRegistration();
		if (registration.getScopes().contains("openid")) {
			Object idToken = response.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
			if (!(idToken instanceof String value)) {
				throw refused("The provider sent no ID token");
			}
			String nonce = request.getAuthorizationExchange()
				.getAuthorizationRequest()
				.getAttribute(OidcParameterNames.NONCE);
			Jwt checked = check(registration, value, nonce);
			RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
			if (attributes != null) {
				attributes.setAttribute(CLAIMS, checked.getClaims(), RequestAttributes.SCOPE_REQUEST);
			}
		}
		return response;
	}

	private Jwt check(ClientRegistration registration, String idToken, @Nullable String nonce) {
		try {
			Jwt jwt = decoder(registration).decode(idToken);
			if (nonce == null || !Objects.equals(hash(nonce), jwt.getClaimAsString("nonce"))) {
				throw refused("The ID token's nonce is not the one sent");
			}
			return jwt;
		}
		catch (JwtException ex) {
			throw refused("The ID token is not valid: " + ex.getMessage());
		}
	}

	private JwtDecoder decoder(ClientRegistration registration) {
		String jwks = registration.getProviderDetails().getJwkSetUri();
		if (jwks == null || jwks.isBlank()) {
			throw refused("The provider has no JWKS to check its ID token with");
		}
		// the validator holds the client ID and the issuer: a changed one needs a new
		// decoder
		String key = String.join(" ", registration.getRegistrationId(), jwks, registration.getClientId(),
				String.valueOf(registration.getProviderDetails().getIssuerUri()));
		return this.decoders.computeIfAbsent(key, (unused) -> {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwks)
				.restOperations(JWKS_CLIENT)
				.jwsAlgorithms((algorithms) -> algorithms
					.addAll(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.RS384, SignatureAlgorithm.RS512,
							SignatureAlgorithm.PS256, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384)))
				.build();
			// issuer, audience, azp, expiry and issue time (OpenID Core §3.1.3.7 steps
			// 2–10)
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new OidcIdTokenValidator(registration)));
			return decoder;
		});
	}

	/**
	 * The nonce travels hashed (Spring sends SHA-256 of the one it keeps), as in Spring's
	 * {@code OidcAuthorizationCodeAuthenticationProvider}.
	 */
	private static String hash(String nonce) {
		byte[] digest = CredentialFormat.sha256(nonce.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

	private static RestTemplate jwksClient() {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(ProviderHttp.CONNECT_TIMEOUT);
		requests.setReadTimeout(ProviderHttp.READ_TIMEOUT);
		return new RestTemplate(requests);
	}

	private static OAuth2AuthorizationException refused(String description) {
		return new OAuth2AuthorizationException(new OAuth2Error(INVALID_ID_TOKEN, description,
				"https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation"));
	}

}
