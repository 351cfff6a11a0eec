package dev.mailgate.webhooks.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code webhooks_subscriptions}: an app's endpoint in a workspace. The secrets
 * are ciphertexts of the platform's SecretBox.
 */
record Subscription(UUID id, WorkspaceId workspace, String clientId, String url, String description,
		List<String> events, boolean enabled, @Nullable String disabledReason, String secret, String secretPrefix,
		@Nullable String previousSecret, @Nullable Instant previousSecretUntil, int consecutiveFailures,
		Instant createdAt, Instant updatedAt) {

	static final String COLUMNS = """
			id, workspace_id, client_id, url, description, events, enabled, disabled_reason, secret, secret_prefix,
			previous_secret, previous_secret_until, consecutive_failures, created_at, updated_at""";

	static Subscription map(ResultSet rs, int row) throws SQLException {
		return new Subscription(rs.getObject("id", UUID.class),
				new WorkspaceId(rs.getObject("workspace_id", UUID.class)), rs.getString("client_id"),
				rs.getString("url"), rs.getString("description"), Arrays.asList(rs.getString("events").split(",")),
				rs.getBoolean("enabled"), rs.getString("disabled_reason"), rs.getString("secret"),
				rs.getString("secret_prefix"), rs.getString("previous_secret"),
				Timestamps.instant(rs, "previous_secret_until"), rs.getInt("consecutive_failures"),
				Objects.requireNonNull(Timestamps.instant(rs, "created_at")),
				Objects.requireNonNull(Timestamps.instant(rs, "updated_at")));
	}

	boolean wants(EventType type) {
		return this.enabled && this.events.contains(type.value());
	}

	/**
	 * Whether the secret before the last rotation still signs alongside the current one.
	 */
	boolean previousSecretValid(Instant now) {
		return this.previousSecret != null && this.previousSecretUntil != null
				&& now.isBefore(this.previousSecretUntil);
	}

	String status() {
		return this.enabled ? "enabled" : "disabled";
	}

}
