package dev.mailgate.oauth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import dev.mailgate.platform.CredentialFormat;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Checks the {@code code_verifier} of a code exchange against the {@code code_challenge}
 * of its authorization request (RFC 7636 §4.6), for every client: Spring AS runs this
 * inside the client secret provider that {@link ClientSecretCheck} replaces, so Mailgate
 * runs it here.
 */
final class PkceCheck {

	private static final String RFC7636_4_6 = "https://datatracker.ietf.org/doc/html/rfc7636#section-4.6";

	private final OAuth2AuthorizationService authorizations;

	PkceCheck(OAuth2AuthorizationService authorizations) {
		this.authorizations = authorizations;
	}

	void verify(Map<String, Object> parameters) {
		if (!"authorization_code".equals(parameters.get(OAuth2ParameterNames.GRANT_TYPE))) {
			return;
		}
		Object code = parameters.get(OAuth2ParameterNames.CODE);
		OAuth2Authorization authorization = (code instanceof String value)
				? this.authorizations.findByToken(value, new OAuth2TokenType(OAuth2ParameterNames.CODE)) : null;
		if (authorization == null) {
			throw invalidGrant(OAuth2ParameterNames.CODE);
		}
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		Object challenge = (request != null) ? request.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE)
				: null;
		Object verifier = parameters.get(PkceParameterNames.CODE_VERIFIER);
		if (!(challenge instanceof String expected) || !(verifier instanceof String presented)
				|| !MessageDigest.isEqual(s256(presented).getBytes(StandardCharsets.US_ASCII),
						expected.getBytes(StandardCharsets.US_ASCII))) {
			throw invalidGrant(PkceParameterNames.CODE_VERIFIER);
		}
	}

	private static String s256(String verifier) {
		byte[] digest = CredentialFormat.sha256(verifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

	private static OAuth2AuthenticationException invalidGrant(String parameter) {
		return new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "OAuth 2.0 Parameter: " + parameter, RFC7636_4_6));
	}

}
