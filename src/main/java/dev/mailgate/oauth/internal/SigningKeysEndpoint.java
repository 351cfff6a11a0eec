package dev.mailgate.oauth.internal;

import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/signingkeys}: the published key ids (newest, signing, first), and
 * {@code POST} to rotate. For platform administrators, like every actuator endpoint but
 * health.
 */
@Component
@Endpoint(id = "signingkeys")
class SigningKeysEndpoint {

	private final SigningKeys keys;

	SigningKeysEndpoint(SigningKeys keys) {
		this.keys = keys;
	}

	@ReadOperation
	Map<String, Object> published() {
		List<String> kids = this.keys.published().stream().map((key) -> key.getKeyID()).toList();
		return Map.of("signing", kids.get(0), "published", kids);
	}

	@WriteOperation
	Map<String, Object> rotate() {
		String kid = this.keys.rotate();
		return Map.of("signing", kid, "published",
				this.keys.published().stream().map((key) -> key.getKeyID()).toList());
	}

}
