package dev.mailgate.oauth.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.mailgate.oauth.OAuthEvents;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Replaces the JWT signing key ({@link SigningKeys}) and the key that signs
 * client_credentials tokens ({@link TokenMacKeys}) once they are older than
 * {@code mailgate.oauth.key-rotation} (90 days), so that a key leaked without anyone
 * knowing stops signing on its own. A retired key still checks the tokens it signed for
 * {@code mailgate.oauth.retired-key-retention}, as after a rotation by hand
 * ({@code POST /actuator/signingkeys}, or the administrators' page at
 * {@code /admin/signing-keys}), so no app notices. Every node checks every hour; one of
 * them rotates. Each rotation goes to the audit log.
 * <p>
 * Both keys are replaced in one transaction, the signing key's row first. Of nodes that
 * check at the same instant, the first to retire that row holds it until both new keys
 * are in; the others wait for it, then find neither key old, so one node rotates both and
 * the audit log has one entry ({@code KeyRotationTests} on PostgreSQL). A node stopped
 * half-way leaves both keys as they were.
 */
@Component
class KeyRotation {

	private static final Log log = LogFactory.getLog(KeyRotation.class);

	private final SigningKeys signingKeys;

	private final TokenMacKeys tokenKeys;

	private final Duration maximumAge;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionOperations transactions;

	KeyRotation(SigningKeys signingKeys, TokenMacKeys tokenKeys, OAuthProperties properties, Clock clock,
			ApplicationEventPublisher events, TransactionOperations transactions) {
		this.signingKeys = signingKeys;
		this.tokenKeys = tokenKeys;
		this.maximumAge = properties.keyRotation();
		this.clock = clock;
		this.events = events;
		this.transactions = transactions;
	}

	/**
	 * Rotates both keys now, as a platform administrator asked.
	 * @param by who asked
	 */
	OAuthEvents.SigningKeysRotated rotateNow(String by) {
		NewKeys rotated = Objects.requireNonNull(this.transactions
			.execute((transaction) -> new NewKeys(this.signingKeys.rotate(), this.tokenKeys.rotate())));
		// key ids only, never key material: a kid is published in the JWKS and a token
		// key's id is in every token it signs; who asked goes to the audit log
		log.info("Rotated the JWT signing key and the client_credentials token key by hand: key ids %s and %d sign now"
			.formatted(rotated.signingKeyId(), rotated.tokenKeyId()));
		return announce(by, rotated.signingKeyId(), rotated.tokenKeyId());
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

	private OAuthEvents.SigningKeysRotated announce(@Nullable String by, @Nullable String signingKeyId,
			@Nullable Integer tokenKeyId) {
		OAuthEvents.SigningKeysRotated rotated = new OAuthEvents.SigningKeysRotated(by, signingKeyId, tokenKeyId,
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
		NewKeys rotated = Objects.requireNonNull(
				this.transactions.execute((transaction) -> new NewKeys(this.signingKeys.rotateIfMadeBefore(madeBefore),
						this.tokenKeys.rotateIfMadeBefore(madeBefore))));
		if (rotated.signingKeyId() != null) {
			log.info(
					"Rotated the JWT signing key, older than %s: key id %s signs now, the retired one stays in the JWKS"
						.formatted(describe(this.maximumAge), rotated.signingKeyId()));
		}
		if (rotated.tokenKeyId() != null) {
			log.info("Rotated the client_credentials token key, older than %s: key id %d signs now"
				.formatted(describe(this.maximumAge), rotated.tokenKeyId()));
		}
		if (rotated.signingKeyId() == null && rotated.tokenKeyId() == null) {
			return false;
		}
		announce(null, rotated.signingKeyId(), rotated.tokenKeyId());
		return true;
	}

	/** The keys one rotation made ({@code null} where that key was young). */
	private record NewKeys(@Nullable String signingKeyId, @Nullable Integer tokenKeyId) {
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
