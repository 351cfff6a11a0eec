package dev.mailgate.oauth.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Replaces the JWT signing key ({@link SigningKeys}) and the key that signs
 * client_credentials tokens ({@link TokenMacKeys}) once they are older than
 * {@code mailgate.oauth.key-rotation} (90 days), so that a key leaked without anyone
 * knowing stops signing on its own. A retired key still checks the tokens it signed for
 * {@code mailgate.oauth.retired-key-retention}, as after a rotation by hand
 * ({@code POST /actuator/signingkeys}), so no app notices. Every node checks every hour;
 * one of them rotates.
 */
@Component
class KeyRotation {

	private static final Log log = LogFactory.getLog(KeyRotation.class);

	private final SigningKeys signingKeys;

	private final TokenMacKeys tokenKeys;

	private final Duration maximumAge;

	private final Clock clock;

	KeyRotation(SigningKeys signingKeys, TokenMacKeys tokenKeys, OAuthProperties properties, Clock clock) {
		this.signingKeys = signingKeys;
		this.tokenKeys = tokenKeys;
		this.maximumAge = properties.keyRotation();
		this.clock = clock;
	}

	/**
	 * Rotates each key that is older than the maximum age.
	 * @return whether a key was rotated here
	 */
	@Scheduled(initialDelayString = "${mailgate.oauth.key-rotation-check:1h}",
			fixedDelayString = "${mailgate.oauth.key-rotation-check:1h}")
	boolean rotateAgedKeys() {
		if (this.maximumAge.isZero() || this.maximumAge.isNegative()) {
			return false;
		}
		Instant madeBefore = this.clock.instant().minus(this.maximumAge);
		String kid = this.signingKeys.rotateIfMadeBefore(madeBefore);
		if (kid != null) {
			log.info(
					"Rotated the JWT signing key, older than %d days: key %s signs now, the retired one stays in the JWKS for its retention"
						.formatted(this.maximumAge.toDays(), kid));
		}
		Integer tokenKey = this.tokenKeys.rotateIfMadeBefore(madeBefore);
		if (tokenKey != null) {
			log.info("Rotated the client_credentials token key, older than %d days: key %d signs now"
				.formatted(this.maximumAge.toDays(), tokenKey));
		}
		return kid != null || tokenKey != null;
	}

}
