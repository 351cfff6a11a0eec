package dev.mailgate.audit.internal;

import java.time.Instant;

import dev.mailgate.accounts.UserId;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.integrations.IntegrationEvents;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records what happens to integration providers (platform events, in no workspace) and to
 * the accounts workspaces connected there, in the publisher's transaction. The events
 * carry names and ids only, never a secret or a token, and so do the lines.
 */
@Component
class AuditRecorderIntegrations {

	private final AuditRecorder recorder;

	private final AuditRecorderContext context;

	AuditRecorderIntegrations(AuditRecorder recorder, AuditRecorderContext context) {
		this.recorder = recorder;
		this.context = context;
	}

	@EventListener
	void on(IntegrationEvents.ProviderAdded event) {
		record(AuditKind.PROVIDER_ADDED, event.at(), event.by(), null,
				"Provider %s (%s) added with client ID %s".formatted(event.name(), event.type(), event.clientId()));
	}

	@EventListener
	void on(IntegrationEvents.ProviderSecretReplaced event) {
		if (event.secretReplaced()) {
			record(AuditKind.PROVIDER_SECRET_REPLACED, event.at(), event.by(), null,
					"Client secret of provider %s replaced".formatted(event.name()));
		}
		else {
			record(AuditKind.PROVIDER_UPDATED, event.at(), event.by(), null,
					"Settings of provider %s changed".formatted(event.name()));
		}
	}

	@EventListener
	void on(IntegrationEvents.ProviderRemoved event) {
		record(AuditKind.PROVIDER_REMOVED, event.at(), event.by(), null, "Provider %s removed".formatted(event.name()));
	}

	@EventListener
	void on(IntegrationEvents.AccountConnected event) {
		record(AuditKind.ACCOUNT_CONNECTED, event.at(), event.by(), event.workspace(),
				"%s account %s connected".formatted(event.providerName(), event.accountLabel()));
	}

	@EventListener
	void on(IntegrationEvents.ReconnectNeeded event) {
		record(AuditKind.RECONNECT_NEEDED, event.at(), null, event.workspace(),
				"%s refused to renew the connection's access (%s); someone needs to connect it again"
					.formatted(event.providerName(), event.reason()));
	}

	@EventListener
	void on(IntegrationEvents.AccountDisconnected event) {
		String revoked = event.revokedAtProvider() ? "its tokens were revoked at " + event.providerName()
				: "its tokens were deleted (not revoked at " + event.providerName() + ")";
		record(AuditKind.ACCOUNT_DISCONNECTED, event.at(), event.by(), event.workspace(),
				"%s disconnected; %s".formatted(event.providerName(), revoked));
	}

	@EventListener
	void on(IntegrationEvents.ContactSyncFinished event) {
		AuditKind kind = "failed".equals(event.outcome()) ? AuditKind.CONTACT_SYNC_FAILED
				: AuditKind.CONTACT_SYNC_FINISHED;
		record(kind, event.at(), null, event.workspace(),
				"Contact sync %s: %,d created, %,d updated, %,d failed (run %s)".formatted(event.outcome(),
						event.created(), event.updated(), event.failed(), event.run()));
	}

	@EventListener
	void on(IntegrationEvents.CampaignShared event) {
		String where = (event.postUrl() != null) ? " as " + event.postUrl() : "";
		record(AuditKind.CAMPAIGN_SHARED, event.at(), event.by(), event.workspace(),
				"Campaign %s shared%s".formatted(event.campaign().value(), where));
	}

	/**
	 * @param by who acted, or {@code null} for Mailgate's own work (refresh, sync runs)
	 */
	private void record(AuditKind kind, Instant at, @Nullable UserId by, @Nullable WorkspaceId workspace,
			String detail) {
		this.recorder.record(kind,
				() -> AuditEntry.of(kind, at)
					.withActor((by != null) ? this.context.actor("user:" + by.value()) : AuditEntry.SYSTEM)
					.withWorkspace(workspace)
					.withOrigin(this.context.ip(null), this.context.userAgent(null))
					.withDetail(detail));
	}

}
