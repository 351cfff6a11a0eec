package dev.mailgate.apps;

import java.util.List;
import java.util.Optional;

import dev.mailgate.accounts.WorkspaceId;
import org.jspecify.annotations.Nullable;

/**
 * Registered apps, for the authorization server and the developer-facing endpoints.
 */
public interface Apps {

	Optional<AppClient> byClientId(String clientId);

	Optional<AppClient> byId(AppId id);

	/**
	 * Whether the presented secret is one of the app's active secrets, compared in
	 * constant time. A value shaped like a Mailgate secret ({@code mgs_…}) with a bad
	 * checksum is refused without looking at stored secrets.
	 */
	boolean secretMatches(AppClient app, String presentedSecret, @Nullable String fromAddress);

	/**
	 * Registers an app in the workspace; a confidential app gets a new client secret.
	 * @throws InvalidAppMetadata when the metadata breaks a rule
	 */
	RegisteredApp register(WorkspaceId workspace, NewApp app, boolean withRegistrationToken);

	/**
	 * Registers a public app that Mailgate itself brings along under the client id it
	 * chose for it, or brings the metadata of the one registered before up to date (its
	 * status stays as it is): safe to call on every start.
	 * @throws InvalidAppMetadata when the metadata breaks a rule or asks for a secret
	 */
	AppClient provide(WorkspaceId workspace, String clientId, NewApp app);

	/**
	 * The app whose RFC 7592 registration access token this is.
	 */
	Optional<AppClient> byRegistrationToken(String registrationAccessToken);

	/**
	 * Replaces the app's metadata (RFC 7592 §2.2); its client id and secrets stay.
	 */
	AppClient update(AppId id, NewApp app);

	/**
	 * Deletes the app and everything issued to it.
	 */
	void delete(AppId id);

	/**
	 * A secret scanner found this client secret in public: revoke it at once if it is
	 * live, and tell the app's owners on the app's page.
	 * @return the app it belonged to, if it is one of Mailgate's secrets
	 */
	Optional<AppClient> revokeLeakedSecret(String secret, String reporter, @Nullable String sourceUrl);

	/**
	 * Records, for the owners of the app a leaked token was issued to, that it was found
	 * and revoked.
	 */
	void recordLeakedToken(AppId app, String tokenPrefix, String reporter, @Nullable String sourceUrl);

	/**
	 * Suspends the app, as a workspace admin does on its page: it can no longer
	 * authenticate, and every token it holds is revoked ({@link AppEvents.AppSuspended}).
	 * @param actor who suspended it, for the app's activity and the audit log
	 * @return whether it was suspended now (not when it is missing or suspended already)
	 */
	boolean suspend(AppId app, String actor);

	/**
	 * Revokes every active client secret of the app at once, even one in use, as its
	 * owners could one by one ({@link AppEvents.SecretRevoked} for each): the app can
	 * authenticate again only with a secret its owners create by rotating.
	 * @param actor who revoked them, for the app's activity and the audit log
	 * @return the display prefixes of the secrets revoked
	 */
	List<String> revokeActiveSecrets(AppId app, String actor);

	/**
	 * The active client secrets of the workspace's apps that stop working within the 14
	 * days the developer portal warns about, soonest first.
	 */
	List<ExpiringClientSecret> secretsExpiringSoon(WorkspaceId workspace);

	/**
	 * The same across every workspace, soonest first, at most {@code limit} of them.
	 */
	List<ExpiringClientSecret> secretsExpiringSoon(int limit);

	/**
	 * How many active client secrets of any workspace stop working within those 14 days.
	 */
	long countSecretsExpiringSoon();

}
