package dev.mailgate.oauth;

import java.time.Instant;
import java.util.Set;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppId;
import org.jspecify.annotations.Nullable;

/**
 * What happens at the authorization server, for the audit log, the alert rules and the
 * rate limits. They carry ids and email addresses, never a token, code or secret.
 */
public final class OAuthEvents {

	private OAuthEvents() {
	}

	/**
	 * A person approved an app on the consent page.
	 *
	 * @param person the person's sign-in email
	 * @param firstTime whether the app had no consent of theirs before (a newly connected
	 * app rather than more scopes for one already connected)
	 */
	public record ConsentGranted(AppId app, String clientId, String person, Set<String> scopes, boolean firstTime,
			Instant at) {
	}

	/**
	 * A person's grant to an app was revoked, with every token issued under it.
	 *
	 * @param person whose grant it was (sign-in email)
	 * @param actor who revoked it: the person, an admin of their workspace, or the API
	 * caller
	 * @param workspace the workspace of the person whose grant it was, if known
	 */
	public record GrantRevoked(AppId app, String clientId, String person, @Nullable WorkspaceId workspace,
			@Nullable String actor, Instant at) {
	}

	/**
	 * An access token was issued (by any grant). Published once per token: listeners must
	 * be cheap, since this is the token endpoint's hot path.
	 *
	 * @param grantType {@code authorization_code}, {@code refresh_token} or
	 * {@code client_credentials}
	 */
	public record TokenIssued(AppId app, String clientId, WorkspaceId appWorkspace, String grantType, Instant at) {
	}

	/**
	 * An app revoked one of its tokens at the revocation endpoint (RFC 7009).
	 */
	public record TokenRevoked(AppId app, String clientId, Instant at) {
	}

	/**
	 * A refresh token that had already been exchanged was presented again: someone holds
	 * a copy. The whole grant was revoked (RFC 9700 §4.14.2).
	 */
	public record RefreshTokenReused(AppId app, String clientId, String principal, Instant at) {
	}

	/**
	 * A client failed to authenticate at the token, introspection or revocation endpoint.
	 *
	 * @param app the app the client id belongs to, if it is one
	 * @param clientId the client id it claimed, if any
	 * @param address the caller's IP address
	 */
	public record ClientAuthenticationFailed(@Nullable AppId app, @Nullable String clientId, @Nullable String address,
			@Nullable String userAgent, Instant at) {
	}

	/**
	 * The keys that sign JWTs and client_credentials tokens were replaced; the retired
	 * ones still check what they signed. No key material, only the new keys' ids.
	 *
	 * @param by the platform administrator who rotated them, or {@code null} for the
	 * scheduled rotation of keys older than {@code mailgate.oauth.key-rotation}
	 * @param signingKeyId the new JWT signing key's {@code kid}, if that key was rotated
	 * @param tokenKeyId the new client_credentials token key's id, if that key was
	 * rotated
	 */
	public record SigningKeysRotated(@Nullable String by, @Nullable String signingKeyId, @Nullable Integer tokenKeyId,
			Instant at) {
	}

}
