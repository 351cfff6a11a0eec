package dev.mailgate.oauth.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.mailgate.oauth.OAuthEvents;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Replaces the JWT signing key ({@link SigningKeys}) and the key that signs
 * client_credentials tokens ({@link TokenMacKeys}) once they are older than
 * {@code mailgate.oauth.key-rotation} (90 days), so that a key leaked without anyone
 * knowing stops signing on its own. A retired key still checks the tokens it signed for
 * {@code mailgate.oauth.retired-key-retention}, as after a rotation by hand
 * ({@code POST /actuator/signingkeys}, or the administrators' page at
 * {@code /admin/signing-keys}), so no app notices. Every node checks every hour; one of
 * them rotates. Each rotation goes to the audit log.
 */
@Component
class KeyRotation {

	private static final Log log = LogFactory.getLog(KeyRotation.class);

	private final SigningKeys signingKeys;

	private final TokenMacKeys tokenKeys;

	private final Duration maximumAge;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	KeyRotation(SigningKeys signingKeys, TokenMacKeys tokenKeys, OAuthProperties properties, Clock clock,
			ApplicationEventPublisher events) {
		this.signingKeys = signingKeys;
		this.tokenKeys = tokenKeys;
		this.maximumAge = properties.keyRotation();
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Rotates both keys now, as a platform administrator asked.
	 * @param by who asked
	 */
	OAuthEvents.SigningKeysRotated rotateNow(String by) {
		String kid = this.signingKeys.rotate();
		int tokenKey = this.tokenKeys.rotate();
		// the new keys' ids go to the audit log with who asked; the log says only that it
		// happened
		log.info("Rotated the JWT signing key and the client_credentials token key by hand");
		return announce(by, kid, tokenKey);
	}

	/**
	 * What the administrators' page shows: each key still in use, and when the signing
	 * ones are due.
	 */
	Overview overview() {
		List<KeyAge> signing = this.signingKeys.ages();
		List<KeyAge> token = this.tokenKeys.ages();
		return new Overview(signing, token, due(signing), due(token), this.maximumAge);
	}

	private @Nullable Instant due(List<KeyAge> keys) {
		if (!scheduled()) {
			return null;
		}
		return keys.stream()
			.filter((key) -> key.retiredAt() == null)
			.map((key) -> key.createdAt().plus(this.maximumAge))
			.findFirst()
			.orElse(null);
	}

	private boolean scheduled() {
		return !this.maximumAge.isZero() && !this.maximumAge.isNegative();
	}

	private OAuthEvents.SigningKeysRotated announce(@Nullable String by, @Nullable String kid,
			@Nullable Integer tokenKey) {
		OAuthEvents.SigningKeysRotated rotated = new OAuthEvents.SigningKeysRotated(by, kid, tokenKey,
				this.clock.instant());
		this.events.publishEvent(rotated);
		return rotated;
	}

	/**
	 * Rotates each key that is older than the maximum age.
	 * @return whether a key was rotated here
	 */
	@Scheduled(initialDelayString = "${mailgate.oauth.key-rotation-check:1h}",
			fixedDelayString = "${mailgate.oauth.key-rotation-check:1h}")
	boolean rotateAgedKeys() {
		if (!scheduled()) {
			return false;
		}
		Instant madeBefore = this.clock.instant().minus(this.maximumAge);
		String kid = this.signingKeys.rotateIfMadeBefore(madeBefore);
		if (kid != null) {
			log.info("Rotated the JWT signing key, older than " + describe(this.maximumAge));
		}
		Integer tokenKey = this.tokenKeys.rotateIfMadeBefore(madeBefore);
		if (tokenKey != null) {
			log.info("Rotated the client_credentials token key, older than " + describe(this.maximumAge));
		}
		if (kid == null && tokenKey == null) {
			return false;
		}
		announce(null, kid, tokenKey);
		return true;
	}

	/**
	 * A duration as people read it: {@code 90 days}, {@code an hour}, {@code 90 minutes}.
	 */
	static String describe(Duration duration) {
		long minutes = duration.toMinutes();
		if (minutes % 1440 == 0) {
			return (minutes == 1440) ? "a day" : (minutes / 1440) + " days";
		}
		if (minutes % 60 == 0) {
			return (minutes == 60) ? "an hour" : (minutes / 60) + " hours";
		}
		return (minutes == 1) ? "a minute" : minutes + " minutes";
	}

	/**
	 * A key's id ({@code kid} of a JWT signing key, the number of a token key), and when
	 * it was made and retired ({@code null} for the one that signs).
	 */
	record KeyAge(String id, Instant createdAt, @Nullable Instant retiredAt) {
	}

	/**
	 * @param signingDue when the JWT signing key is due for the scheduled rotation
	 * ({@code null} when the schedule is off or no key was made yet)
	 * @param tokenDue the same for the client_credentials token key
	 */
	record Overview(List<KeyAge> signingKeys, List<KeyAge> tokenKeys, @Nullable Instant signingDue,
			@Nullable Instant tokenDue, Duration maximumAge) {
	}

}
