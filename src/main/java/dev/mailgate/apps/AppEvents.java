package dev.mailgate.apps;

import java.time.Instant;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.platform.CredentialFormat;
import org.jspecify.annotations.Nullable;

/**
 * What happens to apps and their secrets, for the audit log and for the authorization
 * server. They carry ids and display prefixes, never a secret.
 */
public final class AppEvents {

	private AppEvents() {
	}

	public record AppRegistered(AppId app, WorkspaceId workspace, String clientId, @Nullable String actor, Instant at) {
	}

	public record AppUpdated(AppId app, WorkspaceId workspace, String clientId, @Nullable String actor, Instant at) {
	}

	public record AppDeleted(AppId app, WorkspaceId workspace, String clientId, @Nullable String actor, Instant at) {
	}

	/**
	 * Every token the app holds is revoked; resuming it does not bring them back.
	 */
	public record AppSuspended(AppId app, WorkspaceId workspace, String clientId, @Nullable String actor, Instant at) {
	}

	public record AppResumed(AppId app, WorkspaceId workspace, String clientId, @Nullable String actor, Instant at) {
	}

	public record SecretCreated(AppId app, String clientId, String secretPrefix, @Nullable String actor, Instant at) {
	}

	/**
	 * A new secret replaced the older ones, which stay valid until
	 * {@code previousValidUntil}.
	 */
	public record SecretRotated(AppId app, String clientId, String secretPrefix, Instant previousValidUntil,
			@Nullable String actor, Instant at) {
	}

	public record SecretRevoked(AppId app, String clientId, String secretPrefix, @Nullable String actor, Instant at) {
	}

	/**
	 * A secret scanner reported one of the app's credentials as public; a live one was
	 * revoked.
	 */
	public record CredentialLeaked(AppId app, String clientId, String credentialPrefix, String reporter,
			@Nullable String sourceUrl, boolean revoked, Instant at) {

		/**
		 * Whether the leaked credential is a client secret (not a token).
		 */
		public boolean clientSecret() {
			return this.credentialPrefix.startsWith(CredentialFormat.CLIENT_SECRET);
		}

	}

	/**
	 * A secret that stopped working was presented: revoked, expired, or past the grace
	 * period of a rotation. The app still has it somewhere (a server not updated, or a
	 * copy in the wrong hands).
	 *
	 * @param endedAt when the secret stopped working
	 */
	public record RetiredSecretPresented(AppId app, String clientId, String secretPrefix, Instant endedAt,
			@Nullable String address, Instant at) {
	}

	/**
	 * A secret reached its expiry date (its maximum age, or the end of a rotation's grace
	 * period) and no longer works.
	 */
	public record SecretExpired(AppId app, String clientId, String secretPrefix, Instant at) {
	}

}
