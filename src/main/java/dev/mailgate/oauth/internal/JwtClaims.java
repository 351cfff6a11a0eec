package dev.mailgate.oauth.internal;

import java.util.Map;

import dev.mailgate.accounts.Person;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shapes the JWTs Mailgate signs. Access tokens follow RFC 9068: {@code typ: at+jwt},
 * ES256, {@code client_id}, and {@code scope} as one space-separated string (§2.2.3). ID
 * tokens carry the person's id as {@code sub}, and their email and name when those scopes
 * were granted.
 */
class JwtClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final TokenClaims claims;

	JwtClaims(TokenClaims claims) {
		this.claims = claims;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		context.getJwsHeader().algorithm(SignatureAlgorithm.ES256);
		Map<String, Object> mailgate = this.claims.of(context.getRegisteredClient(), context.getPrincipal(),
				context.getAuthorizationGrantType());
		if (OAuth2AccessToken.TokenType.BEARER.getValue().equals(context.getTokenType().getValue())
				|| "access_token".equals(context.getTokenType().getValue())) {
			context.getJwsHeader().type("at+jwt");
			context.getClaims().claims((values) -> {
				values.putAll(mailgate);
				values.put("scope", String.join(" ", context.getAuthorizedScopes()));
			});
		}
		else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			context.getClaims().claims((values) -> {
				if (mailgate.get("sub") != null) {
					values.put("sub", mailgate.get("sub"));
				}
			});
			this.claims.person(context.getPrincipal()).ifPresent((person) -> profile(context, person));
		}
	}

	private static void profile(JwtEncodingContext context, Person person) {
		context.getClaims().claims((values) -> {
			if (context.getAuthorizedScopes().contains(OidcScopes.EMAIL)) {
				values.put("email", person.email());
				values.put("email_verified", false);
			}
			if (context.getAuthorizedScopes().contains(OidcScopes.PROFILE)) {
				values.put("name", person.displayName());
			}
		});
	}

}
