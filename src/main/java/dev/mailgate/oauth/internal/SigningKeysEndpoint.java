package dev.mailgate.oauth.internal;

import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
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

	SigningKeysEndpoint(SigningKeys keys, TokenMacKeys tokenKeys) {
		this.keys = keys;
		this.tokenKeys = tokenKeys;
	}

	@ReadOperation
	Map<String, Object> published() {
		List<String> kids = this.keys.published().stream().map((key) -> key.getKeyID()).toList();
		return Map.of("signing", kids.get(0), "published", kids, "token_key", this.tokenKeys.current().id());
	}

	@WriteOperation
	Map<String, Object> rotate() {
		String kid = this.keys.rotate();
		int tokenKey = this.tokenKeys.rotate();
		return Map.of("signing", kid, "published", this.keys.published().stream().map((key) -> key.getKeyID()).toList(),
				"token_key", tokenKey);
	}

}
