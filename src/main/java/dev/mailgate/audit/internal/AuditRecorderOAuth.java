package dev.mailgate.audit.internal;

import java.util.ArrayList;
import java.util.List;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.oauth.OAuthEvents;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records what happens at the authorization server, once it is committed: consents and
 * revoked grants (in the workspace of the person whose grant it is), tokens an app
 * revoked, refresh tokens presented twice, rotated signing keys (a platform event), and
 * failed client authentications (in the app's workspace; an unknown client id belongs to
 * none). Issued tokens are counted by {@link AuditRecorderTallies}.
 */
@Component
class AuditRecorderOAuth {

	private final AuditRecorder recorder;

	private final AuditRecorderContext context;

	AuditRecorderOAuth(AuditRecorder recorder, AuditRecorderContext context) {
		this.recorder = recorder;
		this.context = context;
	}

	@EventListener
	void on(OAuthEvents.ConsentGranted event) {
		AuditKind kind = AuditKind.CONSENT_GRANTED;
		this.recorder.record(kind,
				() -> AuditEntry.of(kind, event.at())
					.withActor(event.person())
					.withWorkspace(this.context.personWorkspace(event.person()))
					.withApp(event.app(), event.clientId())
					.withOrigin(this.context.ip(null), this.context.userAgent(null))
					.withDetail("%s gave %s access to %s%s".formatted(event.person(),
							this.context.appLabel(event.app(), event.clientId()),
							event.scopes().isEmpty() ? "nothing more" : String.join(", ", event.scopes()),
							event.firstTime() ? "" : " (an app connected before)")));
	}

	@EventListener
	void on(OAuthEvents.GrantRevoked event) {
		AuditKind kind = AuditKind.GRANT_REVOKED;
		this.recorder.record(kind, () -> {
			WorkspaceId workspace = (event.workspace() != null) ? event.workspace()
					: this.context.personWorkspace(event.person());
			return AuditEntry.of(kind, event.at())
				.withActor(this.context.actor(event.actor()))
				.withWorkspace(workspace)
				.withApp(event.app(), event.clientId())
				.withOrigin(this.context.ip(null), this.context.userAgent(null))
				.withDetail("Access of %s to %s revoked, with every token issued under it".formatted(event.person(),
						this.context.appLabel(event.app(), event.clientId())));
		});
	}

	@EventListener
	void on(OAuthEvents.TokenRevoked event) {
		AuditKind kind = AuditKind.TOKEN_REVOKED;
		this.recorder.record(kind,
				() -> AuditEntry.of(kind, event.at())
					.withActor(event.clientId())
					.withWorkspace(this.context.appWorkspace(event.app()))
					.withApp(event.app(), event.clientId())
					.withOrigin(this.context.ip(null), this.context.userAgent(null))
					.withDetail("%s revoked one of its tokens at the revocation endpoint (RFC 7009)"
						.formatted(this.context.appLabel(event.app(), event.clientId()))));
	}

	/**
	 * A platform event (no workspace): by an administrator, or by the schedule.
	 */
	@EventListener
	void on(OAuthEvents.SigningKeysRotated event) {
		AuditKind kind = AuditKind.SIGNING_KEYS_ROTATED;
		List<String> rotated = new ArrayList<>();
		if (event.signingKeyId() != null) {
			rotated.add("the JWT signing key (key id %s signs now)".formatted(event.signingKeyId()));
		}
		if (event.tokenKeyId() != null) {
			rotated.add("the client_credentials token key (key id %d signs now)".formatted(event.tokenKeyId()));
		}
		this.recorder.record(kind,
				() -> AuditEntry.of(kind, event.at())
					.withActor((event.by() != null) ? this.context.actor(event.by()) : AuditEntry.SYSTEM)
					.withOrigin(this.context.ip(null), this.context.userAgent(null))
					.withDetail("%s %s; the retired keys check what they signed until their retention ends".formatted(
							(event.by() != null) ? "Rotated by hand:" : "Rotated on schedule:",
							String.join(" and ", rotated))));
	}

	@EventListener
	void on(OAuthEvents.RefreshTokenReused event) {
		AuditKind kind = AuditKind.REFRESH_TOKEN_REUSED;
		this.recorder.record(kind, () -> {
			WorkspaceId workspace = this.context.personWorkspace(event.principal());
			return AuditEntry.of(kind, event.at())
				.withActor(event.clientId())
				.withWorkspace((workspace != null) ? workspace : this.context.appWorkspace(event.app()))
				.withApp(event.app(), event.clientId())
				.withOrigin(this.context.ip(null), this.context.userAgent(null))
				.withDetail(("A refresh token %s gave %s was presented after it had been used: someone holds a copy. "
						+ "The grant and every token issued under it were revoked")
					.formatted(event.principal(), this.context.appLabel(event.app(), event.clientId())));
		});
	}

	@EventListener
	void on(OAuthEvents.ClientAuthenticationFailed event) {
		AuditKind kind = AuditKind.CLIENT_AUTH_FAILED;
		this.recorder.record(kind, () -> {
			String detail = (event.app() != null && event.clientId() != null)
					? "Client authentication as %s failed"
						.formatted(this.context.appLabel(event.app(), event.clientId()))
					: (event.clientId() != null)
							? "Client authentication failed: no app has the client ID " + event.clientId()
							: "Client authentication failed: no client ID was sent";
			return AuditEntry.of(kind, event.at())
				.withActor(event.clientId())
				.withWorkspace(this.context.appWorkspace(event.app()))
				.withApp(event.app(), event.clientId())
				.withOrigin(this.context.ip(event.address()), this.context.userAgent(event.userAgent()))
				.withDetail(detail);
		});
	}

}
