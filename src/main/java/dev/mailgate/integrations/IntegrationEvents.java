package dev.mailgate.integrations;

import java.time.Instant;
import java.util.UUID;

import dev.mailgate.accounts.UserId;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.campaigns.CampaignId;
import org.jspecify.annotations.Nullable;

/**
 * What happens to providers and connections, for the audit log. None carries a secret or
 * a token.
 */
public final class IntegrationEvents {

	private IntegrationEvents() {
	}

	/**
	 * An operator added a provider with the client ID it issued to Mailgate.
	 */
	public record ProviderAdded(ProviderId provider, String name, String type, String clientId, UserId by, Instant at) {
	}

	/**
	 * An operator replaced the client secret (the provider rotated it) or other settings.
	 *
	 * @param secretReplaced whether the client secret changed ({@code false}: other
	 * settings only)
	 */
	public record ProviderSecretReplaced(ProviderId provider, String name, boolean secretReplaced, UserId by,
			Instant at) {
	}

	/**
	 * An operator removed a provider; its connections were disconnected first.
	 */
	public record ProviderRemoved(ProviderId provider, String name, UserId by, Instant at) {
	}

	/**
	 * A person connected (or reconnected) their workspace's account at a provider.
	 */
	public record AccountConnected(ConnectionId connection, WorkspaceId workspace, ProviderId provider,
			String providerName, String accountLabel, UserId by, Instant at) {
	}

	/**
	 * The provider refused the refresh token: the connection needs a person to connect
	 * again.
	 *
	 * @param reason the provider's error code and description, as it gave them
	 */
	public record ReconnectNeeded(ConnectionId connection, WorkspaceId workspace, String providerName,
			UserId connectedBy, String reason, Instant at) {
	}

	/**
	 * A connection was removed.
	 *
	 * @param by who disconnected it, or {@code null} when the provider's removal did
	 * @param revokedAtProvider whether the provider's revocation endpoint accepted the
	 * tokens (RFC 7009)
	 */
	public record AccountDisconnected(ConnectionId connection, WorkspaceId workspace, String providerName,
			@Nullable UserId by, boolean revokedAtProvider, Instant at) {
	}

	/**
	 * A contact sync run ended.
	 *
	 * @param outcome {@code succeeded}, {@code failed} or {@code cancelled}
	 */
	public record ContactSyncFinished(UUID run, ConnectionId connection, WorkspaceId workspace, String outcome,
			long created, long updated, long failed, Instant at) {
	}

	/**
	 * A sent campaign's archive page was shared to a social account.
	 *
	 * @param postUrl where the post can be seen, when the provider says
	 */
	public record CampaignShared(ConnectionId connection, WorkspaceId workspace, CampaignId campaign,
			@Nullable String postUrl, UserId by, Instant at) {
	}

}
