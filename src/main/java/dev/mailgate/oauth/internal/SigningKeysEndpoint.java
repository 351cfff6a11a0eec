package dev.mailgate.oauth.internal;

import java.util.List;
import java.util.Map;

import dev.mailgate.oauth.OAuthEvents;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/signingkeys}: the published key ids (newest, signing, first) and the
 * id of the HMAC key that signs client_credentials tokens ({@link TokenMacKeys}), and
 * {@code POST} to rotate both. For platform administrators, like every actuator endpoint
 * but health.
 */
@Component
@Endpoint(id = "signingkeys")
class SigningKeysEndpoint {

	private final SigningKeys keys;

	private final TokenMacKeys tokenKeys;

	private final KeyRotation rotation;

	SigningKeysEndpoint(SigningKeys keys, TokenMacKeys tokenKeys, KeyRotation rotation) {
		this.keys = keys;
		this.tokenKeys = tokenKeys;
		this.rotation = rotation;
	}

	@ReadOperation
	Map<String, Object> published() {
		List<String> kids = this.keys.published().stream().map((key) -> key.getKeyID()).toList();
		return Map.of("signing", kids.get(0), "published", kids, "token_key", this.tokenKeys.current().id());
	}

	@WriteOperation
	Map<String, Object> rotate() {
		// only platform administrators reach it (WebSecurityDefaults' actuator chain);
		// the
		// operation takes no parameter, since one would make it expect a JSON body
		Authentication administrator = SecurityContextHolder.getContext().getAuthentication();
		OAuthEvents.SigningKeysRotated rotated = this.rotation
			.rotateNow((administrator != null) ? administrator.getName() : "an administrator");
		return Map.of("signing", rotated.signingKeyId(), "published",
				this.keys.published().stream().map((key) -> key.getKeyID()).toList(), "token_key",
				rotated.tokenKeyId());
	}

}
