package dev.mailgate.apps.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.InvalidAppMetadata;
import dev.mailgate.apps.SecretSummary;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's optional maximum age for client secrets. New secrets expire at that age;
 * setting the policy gives existing secrets that age too, but never less than
 * {@link #NOTICE} from now, so that nobody is locked out without warning. Secrets within
 * {@link #NOTICE} of expiry are flagged in the portal.
 */
@Service
class SecretPolicy {

	static final Duration NOTICE = Duration.ofDays(14);

	private final JdbcClient jdbc;

	private final JdbcSecrets secrets;

	private final Clock clock;

	SecretPolicy(JdbcClient jdbc, JdbcSecrets secrets, Clock clock) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.clock = clock;
	}

	Optional<Duration> maxAge(WorkspaceId workspace) {
		return this.jdbc.sql("select max_age_days from apps_secret_policies where workspace_id = ?")
			.param(workspace.value())
			.query((rs, row) -> {
				int days = rs.getInt(1);
				return rs.wasNull() ? null : Duration.ofDays(days);
			})
			.optional();
	}

	/**
	 * When a secret created now for an app of this workspace expires, if ever.
	 */
	@Nullable Instant expiryOfNewSecret(WorkspaceId workspace, Instant now) {
		return maxAge(workspace).map(now::plus).orElse(null);
	}

	/**
	 * Sets (or, with {@code null}, lifts) the policy; the caller forgets the apps' cached
	 * secrets.
	 */
	@Transactional
	void set(WorkspaceId workspace, @Nullable Integer maxAgeDays, Iterable<AppClient> apps) {
		if (maxAgeDays != null && (maxAgeDays < 1 || maxAgeDays > 3650)) {
			throw new InvalidAppMetadata("max_secret_age_days must be between 1 and 3650", false);
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("delete from apps_secret_policies where workspace_id = ?").param(workspace.value()).update();
		this.jdbc.sql("insert into apps_secret_policies (workspace_id, max_age_days, updated_at) values (?, ?, ?)")
			.params(workspace.value(), maxAgeDays, Timestamps.utc(now))
			.update();
		if (maxAgeDays == null) {
			return;
		}
		Instant earliest = now.plus(NOTICE);
		Duration maxAge = Duration.ofDays(maxAgeDays);
		for (AppClient app : apps) {
			for (SecretSummary secret : this.secrets.of(app.id())) {
				if (!secret.activeAt(now)) {
					continue;
				}
				Instant byPolicy = secret.createdAt().plus(maxAge);
				Instant expiry = byPolicy.isBefore(earliest) ? earliest : byPolicy;
				if (secret.expiresAt() == null || expiry.isBefore(secret.expiresAt())) {
					this.secrets.expire(secret.id(), expiry);
				}
			}
		}
	}

}
