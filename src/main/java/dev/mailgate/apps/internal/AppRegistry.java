package dev.mailgate.apps.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.apps.AppClient;
import dev.mailgate.apps.AppEvents;
import dev.mailgate.apps.AppId;
import dev.mailgate.apps.Apps;
import dev.mailgate.apps.ExpiringClientSecret;
import dev.mailgate.apps.InvalidAppMetadata;
import dev.mailgate.apps.NewApp;
import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.apps.SecretId;
import dev.mailgate.platform.CacheEvictions;
import dev.mailgate.platform.CredentialFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The apps behind the authorization server. Apps and their secret hashes are cached for a
 * few seconds, so that the token endpoint's client check costs one SHA-256 and no query.
 * Its transactions are written out ({@link TransactionOperations}) instead of declared,
 * so the bean is not proxied: the token endpoint and every API call ask it for their app,
 * and a proxy cost each of them up to about 0.9 % of its CPU (docs/benchmarks.md).
 */
@Service
class AppRegistry implements Apps {

	private final JdbcApps apps;

	private final JdbcSecrets secrets;

	private final SecretUsage usage;

	private final LeakReports leaks;

	private final SecretPolicy policy;

	private final ApplicationEventPublisher events;

	private final CacheEvictions evictions;

	private final Clock clock;

	private static final String CACHE = "apps.client";

	// Both use this registry (to forget cached apps): looked up when needed, not
	// injected.
	private final ObjectProvider<AppManagement> management;

	private final ObjectProvider<SecretRotation> rotation;

	private final TransactionOperations transactions;

	private final Cache<String, CachedApp> byClientId = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(10))
		.maximumSize(50_000)
		.build();

	private final Cache<AppId, AppClient> byId = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(10))
		.maximumSize(50_000)
		.build();

	AppRegistry(JdbcApps apps, JdbcSecrets secrets, SecretUsage usage, LeakReports leaks, SecretPolicy policy,
			ApplicationEventPublisher events, CacheEvictions evictions, Clock clock,
			ObjectProvider<AppManagement> management, ObjectProvider<SecretRotation> rotation,
			TransactionOperations transactions) {
		this.transactions = transactions;
		this.evictions = evictions;
		this.evictions.listen(CACHE, this::dropCached);
		this.management = management;
		this.rotation = rotation;
		this.policy = policy;
		this.apps = apps;
		this.secrets = secrets;
		this.usage = usage;
		this.leaks = leaks;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public Optional<AppClient> byClientId(String clientId) {
		return cached(clientId).map(CachedApp::app);
	}

	@Override
	public Optional<AppClient> byId(AppId id) {
		// The API checks the app of every token it sees: keep that off the database too.
		return Optional.ofNullable(this.byId.get(id, (key) -> this.apps.byId(key).orElse(null)));
	}

	@Override
	public boolean secretMatches(AppClient app, String presentedSecret, @Nullable String fromAddress) {
		if (presentedSecret.startsWith(CredentialFormat.CLIENT_SECRET)
				&& !CredentialFormat.isWellFormed(presentedSecret, CredentialFormat.CLIENT_SECRET)) {
			return false;
		}
		Optional<CachedApp> cached = cached(app.clientId());
		if (cached.isEmpty()) {
			return false;
		}
		SecretHash presented = SecretHash.of(presentedSecret);
		SecretId matched = null;
		for (JdbcSecrets.ActiveSecret active : cached.get().secrets()) {
			// Compare with every active secret, so that timing does not tell which
			// matched.
			if (active.hash().matches(presented)) {
				matched = active.id();
			}
		}
		if (matched == null) {
			retired(app, presented, fromAddress);
			return false;
		}
		this.usage.used(matched, fromAddress);
		return true;
	}

	/**
	 * Tells the alert rules when a secret that no longer works is still in use (only on a
	 * failed authentication, so never on the hot path).
	 */
	private void retired(AppClient app, SecretHash presented, @Nullable String fromAddress) {
		this.secrets.byHash(presented)
			.filter((found) -> found.app().equals(app.id()))
			.map(JdbcSecrets.LeakedSecret::secret)
			.filter((secret) -> !secret.activeAt(this.clock.instant()))
			.ifPresent((secret) -> this.events
				.publishEvent(new AppEvents.RetiredSecretPresented(app.id(), app.clientId(), secret.prefix(),
						Objects.requireNonNull((secret.revokedAt() != null) ? secret.revokedAt() : secret.expiresAt()),
						fromAddress, this.clock.instant())));
	}

	@Override
	public RegisteredApp register(WorkspaceId workspace, NewApp app, boolean withRegistrationToken) {
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			AppRules.check(app);
			AppId id = AppId.random();
			String clientId = "mgapp-" + CredentialFormat.generate("").substring(0, 20).toLowerCase(Locale.ROOT);
			Instant now = this.clock.instant();
			this.apps.insert(id, workspace, clientId, app, now);
			String secret = null;
			if (app.confidential() && app.keys() == null) {
				secret = CredentialFormat.generate(CredentialFormat.CLIENT_SECRET);
				this.secrets.insert(id, secret, now, this.policy.expiryOfNewSecret(workspace, now));
			}
			String registrationToken = null;
			if (withRegistrationToken) {
				registrationToken = CredentialFormat.generate("mgt_");
				this.apps.setRegistrationTokenHash(id, CredentialFormat.sha256(registrationToken));
			}
			AppClient registered = this.apps.byId(id).orElseThrow();
			this.events.publishEvent(new AppEvents.AppRegistered(id, workspace, clientId, null, now));
			if (secret != null) {
				this.events.publishEvent(new AppEvents.SecretCreated(id, clientId, secret.substring(0, 8), null, now));
			}
			return new RegisteredApp(registered, secret, registrationToken);
		}));
	}

	@Override
	public AppClient provide(WorkspaceId workspace, String clientId, NewApp app) {
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			if (app.confidential()) {
				throw new InvalidAppMetadata(
						"token_endpoint_auth_method must be none for %s: Mailgate keeps no secret for "
							.formatted(clientId) + "the apps it brings along",
						false);
			}
			Optional<AppClient> existing = this.apps.byClientId(clientId);
			if (existing.isPresent()) {
				return asRegistered(existing.get()).equals(app) ? existing.get() : update(existing.get().id(), app);
			}
			AppRules.check(app);
			AppId id = AppId.random();
			Instant now = this.clock.instant();
			this.apps.insert(id, workspace, clientId, app, now);
			this.events.publishEvent(new AppEvents.AppRegistered(id, workspace, clientId, null, now));
			return this.apps.byId(id).orElseThrow();
		}));
	}

	private static NewApp asRegistered(AppClient app) {
		return new NewApp(app.name(), app.description(), app.website(), app.logoUrl(), app.confidential(),
				app.redirectUris(), app.grantTypes(), app.scopes(), app.tokenFormat(), app.accessTokenTtl(),
				app.keys());
	}

	@Override
	public Optional<AppClient> byRegistrationToken(String registrationAccessToken) {
		return this.apps.byRegistrationTokenHash(CredentialFormat.sha256(registrationAccessToken));
	}

	@Override
	public AppClient update(AppId id, NewApp app) {
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			AppClient existing = this.apps.byId(id).orElseThrow(() -> new InvalidAppMetadata("No app " + id, false));
			if (existing.confidential() != app.confidential()) {
				throw new InvalidAppMetadata("token_endpoint_auth_method cannot change between none and a secret",
						false);
			}
			AppRules.check(app);
			Instant now = this.clock.instant();
			this.apps.update(id, app, now);
			forget(existing.clientId());
			this.events
				.publishEvent(new AppEvents.AppUpdated(id, existing.workspace(), existing.clientId(), null, now));
			return this.apps.byId(id).orElseThrow();
		}));
	}

	@Override
	public void delete(AppId id) {
		this.transactions.executeWithoutResult((status) -> {
			this.apps.byId(id).ifPresent((app) -> {
				this.apps.delete(id);
				forget(app.clientId());
				this.events.publishEvent(
						new AppEvents.AppDeleted(id, app.workspace(), app.clientId(), null, this.clock.instant()));
			});
		});
	}

	@Override
	public Optional<AppClient> revokeLeakedSecret(String secret, String reporter, @Nullable String sourceUrl) {
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			Optional<JdbcSecrets.LeakedSecret> found = this.secrets.byHash(SecretHash.of(secret));
			if (found.isEmpty()) {
				return Optional.empty();
			}
			AppClient app = this.apps.byId(found.get().app()).orElseThrow();
			Instant now = this.clock.instant();
			boolean live = found.get().secret().activeAt(now);
			if (live) {
				this.secrets.revoke(app.id(), found.get().secret().id(), now);
				forget(app.clientId());
			}
			this.leaks.record(app.id(), "secret", found.get().secret().prefix(), reporter, sourceUrl,
					live ? "revoked" : "inactive");
			this.events.publishEvent(new AppEvents.CredentialLeaked(app.id(), app.clientId(),
					found.get().secret().prefix(), reporter, sourceUrl, live, now));
			return Optional.of(app);
		}));
	}

	@Override
	public void recordLeakedToken(AppId app, String tokenPrefix, String reporter, @Nullable String sourceUrl) {
		this.transactions.executeWithoutResult((status) -> {
			this.apps.byId(app).ifPresent((found) -> {
				this.leaks.record(app, "token", tokenPrefix, reporter, sourceUrl, "revoked");
				this.events.publishEvent(new AppEvents.CredentialLeaked(app, found.clientId(), tokenPrefix, reporter,
						sourceUrl, true, this.clock.instant()));
			});
		});
	}

	/**
	 * Not in a transaction of its own: the suspension commits first, then the cached app
	 * is dropped once more, in case a request cached it again before the commit (an alert
	 * acts while the app is busy).
	 */
	@Override
	public boolean suspend(AppId id, String actor) {
		Optional<AppClient> app = this.apps.byId(id).filter((found) -> !found.suspended());
		app.ifPresent((found) -> {
			this.management.getObject().suspend(found, actor);
			forget(found.clientId());
		});
		return app.isPresent();
	}

	/**
	 * Each secret is revoked in a transaction of its own; the cached app is dropped after
	 * the last commit as well, as in {@link #suspend}.
	 */
	@Override
	public List<String> revokeActiveSecrets(AppId id, String actor) {
		AppClient app = this.apps.byId(id).orElse(null);
		if (app == null || !app.confidential()) {
			return List.of();
		}
		SecretRotation rotation = this.rotation.getObject();
		Instant now = this.clock.instant();
		List<String> revoked = rotation.secretsOf(app)
			.stream()
			.filter((secret) -> secret.activeAt(now))
			.map((secret) -> rotation.revoke(app, secret.id(), true, actor).prefix())
			.toList();
		forget(app.clientId());
		return revoked;
	}

	@Override
	public List<ExpiringClientSecret> secretsExpiringSoon(WorkspaceId workspace) {
		Instant now = this.clock.instant();
		return this.secrets.expiring(workspace, now, now.plus(SecretPolicy.NOTICE), 1000);
	}

	@Override
	public List<ExpiringClientSecret> secretsExpiringSoon(int limit) {
		Instant now = this.clock.instant();
		return this.secrets.expiring(null, now, now.plus(SecretPolicy.NOTICE), limit);
	}

	@Override
	public long countSecretsExpiringSoon() {
		Instant now = this.clock.instant();
		return this.secrets.countExpiring(now, now.plus(SecretPolicy.NOTICE));
	}

	/**
	 * Drops the cached app and secrets after a change to either, on every node (a
	 * suspension or a revoked secret takes effect everywhere within a second). Each node
	 * drops them once more a second later, so a request that cached the old state just
	 * before the change committed cannot keep it.
	 */
	void forget(String clientId) {
		this.evictions.evict(CACHE, clientId);
	}

	private void dropCached(String clientId) {
		this.byClientId.invalidate(clientId);
		this.byId.asMap().values().removeIf((app) -> app.clientId().equals(clientId));
	}

	private Optional<CachedApp> cached(String clientId) {
		CachedApp cached = this.byClientId.get(clientId,
				(key) -> this.apps.byClientId(key)
					.map((app) -> new CachedApp(app, this.secrets.active(app.id(), this.clock.instant())))
					.orElse(null));
		return Optional.ofNullable(cached);
	}

	private record CachedApp(AppClient app, List<JdbcSecrets.ActiveSecret> secrets) {
	}

}
