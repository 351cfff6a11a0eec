package dev.mailgate.apps.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.AppEvents;
import dev.mailgate.apps.AppIsPublic;
import dev.mailgate.apps.InvalidAppMetadata;
import dev.mailgate.apps.NewSecret;
import dev.mailgate.apps.SecretId;
import dev.mailgate.apps.SecretRecentlyUsed;
import dev.mailgate.apps.SecretSummary;
import dev.mailgate.apps.TooManySecrets;
import dev.mailgate.platform.CredentialFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rotating and revoking client secrets. Rotation creates a new secret and keeps the
 * previous ones valid for a grace period the developer picks (none revokes them at once),
 * so that a deployment can switch over without downtime.
 */
@Service
class SecretRotation {

	static final int MAX_ACTIVE = 3;

	static final Duration DEFAULT_GRACE = Duration.ofDays(7);

	static final Duration MAX_GRACE = Duration.ofDays(90);

	static final Duration RECENT_USE = Duration.ofHours(24);

	private final JdbcSecrets secrets;

	private final SecretUsage usage;

	private final AppRegistry registry;

	private final ApplicationEventPublisher events;

	private final SecretPolicy policy;

	private final Clock clock;

	SecretRotation(JdbcSecrets secrets, SecretUsage usage, AppRegistry registry, SecretPolicy policy,
			ApplicationEventPublisher events, Clock clock) {
		this.policy = policy;
		this.secrets = secrets;
		this.usage = usage;
		this.registry = registry;
		this.events = events;
		this.clock = clock;
	}

	List<SecretSummary> secretsOf(AppClient app) {
		this.usage.flush();
		return this.secrets.of(app.id());
	}

	/**
	 * The workspace's active secrets that expire within the notice period, for the portal
	 * to warn about.
	 */
	List<ExpiringSecret> expiringSoon(List<AppClient> apps, Duration notice) {
		Instant now = this.clock.instant();
		return apps.stream()
			.filter(AppClient::confidential)
			.flatMap((app) -> this.secrets.of(app.id())
				.stream()
				.filter((secret) -> secret.activeAt(now) && secret.expiresAt() != null
						&& secret.expiresAt().isBefore(now.plus(notice)))
				.map((secret) -> new ExpiringSecret(app.name(), app.clientId(), secret.masked(),
						SecretView.format(secret.expiresAt()))))
			.toList();
	}

	@Transactional
	NewSecret rotate(AppClient app, Duration grace, @Nullable String actor) {
		if (!app.confidential()) {
			throw new AppIsPublic(app.clientId());
		}
		if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
			throw new InvalidAppMetadata(
					"grace_period_seconds must be between 0 and %d".formatted(MAX_GRACE.toSeconds()), false);
		}
		Instant now = this.clock.instant();
		long active = this.secrets.of(app.id()).stream().filter((secret) -> secret.activeAt(now)).count();
		if (!grace.isZero() && active + 1 > MAX_ACTIVE) {
			throw new TooManySecrets(app.clientId(), MAX_ACTIVE);
		}
		String value = CredentialFormat.generate(CredentialFormat.CLIENT_SECRET);
		SecretId id = this.secrets.insert(app.id(), value, now, this.policy.expiryOfNewSecret(app.workspace(), now));
		Instant until = now.plus(grace);
		if (grace.isZero()) {
			this.secrets.of(app.id())
				.stream()
				.filter((secret) -> !secret.id().equals(id) && secret.activeAt(now))
				.forEach((secret) -> this.secrets.revoke(app.id(), secret.id(), now));
		}
		else {
			this.secrets.expireOthers(app.id(), id, until, now);
		}
		this.registry.forget(app.clientId());
		this.events.publishEvent(
				new AppEvents.SecretRotated(app.id(), app.clientId(), value.substring(0, 8), until, actor, now));
		return new NewSecret(this.secrets.find(app.id(), id).orElseThrow(), value);
	}

	/**
	 * Revokes one secret at once. One used in the last 24 hours is revoked only when
	 * forced, since a client still depends on it.
	 */
	@Transactional
	SecretSummary revoke(AppClient app, SecretId id, boolean force, @Nullable String actor) {
		this.usage.flush();
		SecretSummary secret = this.secrets.find(app.id(), id)
			.orElseThrow(() -> new SecretNotFound(app.clientId(), id));
		Instant now = this.clock.instant();
		if (secret.revokedAt() != null) {
			return secret;
		}
		if (!force && secret.lastUsedAt() != null && secret.lastUsedAt().isAfter(now.minus(RECENT_USE))) {
			throw new SecretRecentlyUsed(secret);
		}
		this.secrets.revoke(app.id(), id, now);
		this.registry.forget(app.clientId());
		this.events.publishEvent(new AppEvents.SecretRevoked(app.id(), app.clientId(), secret.prefix(), actor, now));
		return this.secrets.find(app.id(), id).orElseThrow();
	}

}
