package dev.mailgate.oauth.internal;

import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mailgate.apps.AppId;
import dev.mailgate.apps.Apps;
import dev.mailgate.oauth.OAuthEvents;
import dev.mailgate.platform.CacheEvictions;
import dev.mailgate.platform.CredentialFormat;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.StringUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Spring Authorization Server's store, keeping every code and token only as the SHA-256
 * of its value, one indexed column per kind. Spring AS compares token values in memory,
 * so a token found by its value gets that value back; the others carry
 * {@code sha256:<hash>} instead. A refresh token presented after it was rotated revokes
 * its whole family (RFC 9700 §4.14.2, {@link RefreshTokenFamily}). Its transactions are
 * written out ({@link TransactionOperations}), so the bean is not proxied: every token
 * request and API call goes through it.
 */
@Service
class HashedAuthorizationService implements OAuth2AuthorizationService {

	static final String HASHED = "sha256:";

	static final String STORED_REFRESH = "dev.mailgate.oauth.storedRefreshHash";

	/**
	 * Whether the refresh token the row held when it was read is one that names its grant
	 * (its hash in the column without an index), so that a rewrite that keeps the token
	 * keeps it there.
	 */
	private static final String STORED_REFRESH_NAMED = "dev.mailgate.oauth.storedRefreshNamed";

	/**
	 * Whether the access token the row held when it was read is one that names its grant
	 * ({@link GrantAccessTokens}), as {@link #STORED_REFRESH_NAMED} for the refresh
	 * token.
	 */
	private static final String STORED_ACCESS_NAMED = "dev.mailgate.oauth.storedAccessNamed";

	/**
	 * The request attribute that keeps the code last read, and its authorization, for the
	 * rest of the request ({@link CodeRead}).
	 */
	private static final String CODE_READ = "dev.mailgate.oauth.codeRead";

	/**
	 * The hash of the access token the row held when it was read, so that a save can tell
	 * a newly issued access token from the one it already had.
	 */
	static final String STORED_ACCESS = "dev.mailgate.oauth.storedAccessHash";

	/**
	 * The attributes as read from the row: an update whose attributes are still these
	 * leaves the column alone instead of serializing them again (the code exchange and
	 * the refresh grant change only tokens).
	 */
	static final String STORED_ATTRIBUTES = "dev.mailgate.oauth.storedAttributes";

	/**
	 * Access tokens cached by the hash of their value; evicted on every node when
	 * revoked.
	 */
	static final String ACCESS_CACHE = "oauth.access";

	/**
	 * Every cached access token of a client (by its registered client id), evicted on
	 * every node when the client's tokens are revoked at once.
	 */
	static final String CLIENT_CACHE = "oauth.client";

	private static final String RFC9700_4_14_2 = "https://datatracker.ietf.org/doc/html/rfc9700#section-4.14.2";

	private static final String RFC6749_5_2 = "https://datatracker.ietf.org/doc/html/rfc6749#section-5.2";

	/**
	 * The columns {@link #rebuild} reads, by position: the embedded database looks a
	 * column up by name by upper-casing and hashing it on every call.
	 */
	private static final String COLUMNS = """
			select id, registered_client_id, principal_name, grant_type, authorized_scopes, attributes, state_hash,
			code_hash, code_issued_at, code_expires_at, code_metadata,
			coalesce(access_hash, named_access_hash), access_issued_at, access_expires_at, access_metadata,
			access_scopes, coalesce(refresh_hash, named_refresh_hash), refresh_issued_at, refresh_expires_at, refresh_metadata,
			id_token_hash, id_token_issued_at, id_token_expires_at, id_token_metadata, created_at,
			named_refresh_hash is not null, named_access_hash is not null
			from oauth_authorizations
			""";

	private final JdbcClient jdbc;

	private final RegisteredClientRepository clients;

	private final OAuthProperties properties;

	private final Clock clock;

	private final TransactionOperations transactions;

	private final Cache<String, Optional<OAuth2Authorization>> byAccessHash;

	private final Apps apps;

	private final ApplicationEventPublisher events;

	private final CacheEvictions evictions;

	private final AuthorizationInserts inserts;

	private final SignedGrants signed;

	HashedAuthorizationService(JdbcClient jdbc, RegisteredClientRepository clients, OAuthProperties properties,
			Clock clock, TransactionOperations transactions, Apps apps, ApplicationEventPublisher events,
			CacheEvictions evictions, AuthorizationInserts inserts, SignedGrants signed) {
		this.jdbc = jdbc;
		this.inserts = inserts;
		this.signed = signed;
		this.evictions = evictions;
		this.apps = apps;
		this.events = events;
		this.transactions = transactions;
		this.clients = clients;
		this.properties = properties;
		this.clock = clock;
		this.byAccessHash = Caffeine.newBuilder()
			.expireAfterWrite(properties.tokenCacheTtl())
			.maximumSize(200_000)
			.build();
		evictions.listen(ACCESS_CACHE, this.byAccessHash::invalidate);
		evictions.listen(CLIENT_CACHE,
				(clientId) -> this.byAccessHash.asMap()
					.values()
					.removeIf((cached) -> cached.isPresent() && cached.get().getRegisteredClientId().equals(clientId)));
	}

	/**
	 * Saves with one statement: an authorization this store rebuilt carries the hash of
	 * the refresh token it was stored with ({@link #STORED_REFRESH}), so an update needs
	 * no look-up first, and one without it is new. A refresh token replaced by a new one
	 * proves by itself that it was spent ({@link RefreshTokenFamily}), so that presenting
	 * it again revokes the family; one of the earlier shape is recorded as spent. A new
	 * authorization, and an update, is one statement in auto-commit, with no transaction
	 * around it (the token endpoint's hot path); recording a spent token makes the update
	 * two statements in one transaction. A new {@link SignedAccessTokens signed} token
	 * writes nothing, and a signed token is only ever saved again to be revoked.
	 */
	@Override
	public void save(OAuth2Authorization authorization) {
		forgetCodeRead();
		OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
		if (authorization.getAttribute(SignedGrants.SIGNED) != null) {
			if (access != null && access.isInvalidated()) {
				revokeSigned(authorization);
			}
			return;
		}
		if (access != null && SignedAccessTokens.isSigned(access.getToken().getTokenValue())) {
			announce(authorization, authorization.getAuthorizationGrantType().getValue(),
					access.getToken().getIssuedAt());
			return;
		}
		OAuth2Authorization recorded = RefreshTokenFamily.recorded(authorization);
		Row row = Row.of(recorded);
		if (!(recorded.getAttribute(STORED_REFRESH) instanceof String storedRefresh)) {
			insert(row);
			issued(recorded, row, "", false);
			return;
		}
		boolean rotated = rotated(row, storedRefresh);
		if (rotated && !familyRecorded(recorded)) {
			this.transactions.executeWithoutResult((status) -> {
				recordSpent(recorded, storedRefresh);
				replace(recorded, row, storedRefresh, true);
			});
		}
		else {
			replace(recorded, row, storedRefresh, rotated);
		}
		issued(recorded, row, Objects.requireNonNullElse(recorded.getAttribute(STORED_ACCESS), ""),
				!storedRefresh.isEmpty());
	}

	/**
	 * Whether the grant was read with a family ({@link RefreshTokenFamily}), so that the
	 * refresh token it replaces can prove later that it was spent. Without one, the
	 * replaced token is of the earlier shape: its hash is recorded, in the same
	 * transaction as the row's rewrite.
	 */
	private static boolean familyRecorded(OAuth2Authorization authorization) {
		return authorization.getAttribute(STORED_ATTRIBUTES) instanceof StoredAttributes read
				&& read.values().get(RefreshTokenFamily.ATTRIBUTE) != null;
	}

	private static boolean rotated(Row row, String storedRefresh) {
		String currentRefresh = (row.refresh() != null) ? row.refresh().hash() : "";
		return !storedRefresh.isEmpty() && !storedRefresh.equals(currentRefresh);
	}

	/**
	 * @param refreshed whether the authorization held a refresh token already: a new
	 * access token then came from the refresh grant (the authorization keeps the grant
	 * type it started with)
	 */
	private void issued(OAuth2Authorization authorization, Row row, String storedAccess, boolean refreshed) {
		if (row.access() == null || row.access().hash().equals(storedAccess)) {
			return;
		}
		String grantType = refreshed ? AuthorizationGrantType.REFRESH_TOKEN.getValue()
				: authorization.getAuthorizationGrantType().getValue();
		announce(authorization, grantType, row.access().issuedAt());
	}

	private void announce(OAuth2Authorization authorization, String grantType, @Nullable Instant issuedAt) {
		AppId app = AppId.parse(authorization.getRegisteredClientId());
		this.apps.byId(app)
			.ifPresent((client) -> this.events.publishEvent(
					new OAuthEvents.TokenIssued(app, client.clientId(), client.workspace(), grantType, issuedAt)));
	}

	/**
	 * Revokes a signed token on every node: its hash is written first, so that a node
	 * whose cache no longer holds it reads the revocation.
	 */
	private void revokeSigned(OAuth2Authorization authorization) {
		this.signed.revoke(authorization);
		this.evictions.evict(ACCESS_CACHE, Objects.requireNonNull(authorization.getAttribute(SignedGrants.SIGNED)));
	}

	private void recordSpent(OAuth2Authorization authorization, String storedRefresh) {
		try {
			this.jdbc.sql("""
					insert into oauth_spent_refresh (hash_key, token_hash, authorization_id, spent_at)
					values (?, ?, ?, ?)""")
				.params(hashKey(storedRefresh), storedRefresh, authorization.getId(),
						Timestamps.utc(this.clock.instant()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw alreadyUsed();
		}
	}

	private static OAuth2AuthenticationException alreadyUsed() {
		return new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The refresh token was already used", RFC9700_4_14_2));
	}

	/**
	 * Rewrites the row. A rotation rewrites it only if it still holds the refresh token
	 * that was presented: of two requests refreshing with the same token at once, only
	 * the first to write wins, on one node or many (RFC 9700 §4.14.2). The database
	 * decides: the second waits for the first's row lock and then finds another token
	 * there.
	 */
	private void replace(OAuth2Authorization authorization, Row row, String storedRefresh, boolean rotated) {
		// A replaced access token stops working here at once, and on other nodes when
		// their cache forgets it (a short while); a revoked one (RFC 7009) stops working
		// on every node at once. The row was read with the access token's hash.
		String replaced = Objects.requireNonNullElse(authorization.getAttribute(STORED_ACCESS), "");
		if (!replaced.isEmpty()) {
			this.byAccessHash.invalidate(replaced);
		}
		boolean issues = rotated || (row.access() != null && !row.access().hash().equals(replaced));
		if (update(row, rotated ? storedRefresh : null) == 0 && issues) {
			if (rotated && exists(authorization.getId())) {
				// another request refreshed with the same token first
				throw alreadyUsed();
			}
			// revoked while its code was exchanged or it was refreshed: the new tokens
			// were never stored, so the client must not get them (RFC 6749 §5.2)
			throw new OAuth2AuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The grant was revoked", RFC6749_5_2));
		}
		if (row.access() != null) {
			if (Boolean.TRUE.equals(row.access().metadata().get(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME))) {
				this.evictions.evict(ACCESS_CACHE, row.access().hash());
			}
			else {
				this.byAccessHash.invalidate(row.access().hash());
			}
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		if (authorization.getAttribute(SignedGrants.SIGNED) != null) {
			revokeSigned(authorization);
			return;
		}
		this.transactions.executeWithoutResult((status) -> {
			forgetCodeRead();
			evictAccessTokenOf(authorization.getId(), true);
			this.jdbc.sql("delete from oauth_authorizations where id = ?").param(authorization.getId()).update();
		});
	}

	/**
	 * Revokes every grant of a client, and every signed token it was issued (suspension).
	 */
	void removeAllOf(String registeredClientId) {
		this.transactions.executeWithoutResult((status) -> {
			this.signed.revokeAllOf(UUID.fromString(registeredClientId));
			this.evictions.evict(CLIENT_CACHE, registeredClientId);
			this.jdbc.sql("delete from oauth_authorizations where registered_client_id = ?")
				.param(UUID.fromString(registeredClientId))
				.update();
		});
	}

	/**
	 * Revokes every client_credentials token of a client issued until now: the signed
	 * ones (all signed tokens are client_credentials ones) by the client's floor, the
	 * stored ones with their rows, on every node.
	 */
	void removeClientCredentialsOf(String registeredClientId) {
		this.transactions.executeWithoutResult((status) -> {
			this.signed.revokeAllOf(UUID.fromString(registeredClientId));
			this.evictions.evict(CLIENT_CACHE, registeredClientId);
			this.jdbc.sql("delete from oauth_authorizations where registered_client_id = ? and grant_type = ?")
				.params(UUID.fromString(registeredClientId), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue())
				.update();
		});
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		return this.jdbc.sql(COLUMNS + "where id = ?").param(id).query(this::rebuild).optional().orElse(null);
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		if (SignedAccessTokens.isSigned(token)
				&& (tokenType == null || OAuth2ParameterNames.ACCESS_TOKEN.equals(tokenType.getValue()))) {
			return findAccessToken(token);
		}
		String hash = hashOf(token);
		if (tokenType == null) {
			// without a type (introspection and revocation, RFC 7662 and RFC 7009), the
			// prefix of Mailgate's own credentials says where to look; a state or a JWT
			// access token has none
			if (token.startsWith(CredentialFormat.REFRESH_TOKEN)) {
				return findCurrentRefreshToken(hash, token);
			}
			if (token.startsWith(CredentialFormat.ACCESS_TOKEN)) {
				return findAccessToken(token);
			}
			for (String column : columnsFor(token)) {
				OAuth2Authorization found = findByHash(column, hash, token);
				if (found != null) {
					return found;
				}
			}
			return null;
		}
		return switch (tokenType.getValue()) {
			case OAuth2ParameterNames.STATE -> findByHash("state_hash", hash, token);
			case OAuth2ParameterNames.CODE -> findCode(hash, token);
			case OAuth2ParameterNames.ACCESS_TOKEN -> findAccessToken(token);
			case OAuth2ParameterNames.REFRESH_TOKEN -> findRefreshToken(hash, token);
			default -> null;
		};
	}

	private static final List<String> CODE_COLUMN = List.of("code_hash");

	private static final List<String> EVERY_COLUMN = List.of("access_hash", "state_hash", "code_hash", "refresh_hash");

	private static List<String> columnsFor(String token) {
		if (token.startsWith(CredentialFormat.AUTHORIZATION_CODE)) {
			return CODE_COLUMN;
		}
		return EVERY_COLUMN;
	}

	/**
	 * The authorization behind an access token, from this node's cache when it has it:
	 * the API's hot path. Revocations on this node evict the entry at once.
	 */
	@Nullable OAuth2Authorization findAccessToken(String token) {
		OAuth2Authorization stored = findAccessTokenGrant(token);
		return (stored != null) ? withValue(stored, OAuth2AccessToken.class, token) : null;
	}

	/**
	 * The authorization behind an access token as the cache holds it, with hashes where
	 * the token values would be: for the bearer token check, which reads whether the
	 * token is live, whose it is and its claims, never its value, so that no API request
	 * pays for a copy that carries the value.
	 */
	@Nullable OAuth2Authorization findAccessTokenGrant(String token) {
		return this.byAccessHash.get(hashOf(token), (key) -> Optional.ofNullable(
				SignedAccessTokens.isSigned(token) ? this.signed.find(token, key) : findStoredAccessToken(token, key)))
			.orElse(null);
	}

	/**
	 * The grant whose current access token this is, with hashes where the token values
	 * would be: read by the id of the grant a token names ({@link GrantAccessTokens}), by
	 * the token's hash otherwise.
	 */
	private @Nullable OAuth2Authorization findStoredAccessToken(String token, String hash) {
		UUID grant = GrantAccessTokens.grantOf(token);
		if (grant == null) {
			return findByHash("access_hash", hash, HASHED + hash);
		}
		OAuth2Authorization found = findById(grant.toString());
		return (found != null && hash.equals(found.getAttribute(STORED_ACCESS))) ? found : null;
	}

	/**
	 * The grant whose current refresh token this is, as introspection and revocation
	 * without a token type hint ask (RFC 7662, RFC 7009): a replaced one is not found,
	 * and revokes nothing here.
	 */
	private @Nullable OAuth2Authorization findCurrentRefreshToken(String hash, String token) {
		return current(refreshTokenGrant(RefreshTokenFamily.read(token), hash), hash, token);
	}

	/**
	 * The grant a refresh token names, read by its id; for a refresh token of the earlier
	 * shape, the grant whose current one it is, read by its hash.
	 */
	private @Nullable OAuth2Authorization refreshTokenGrant(RefreshTokenFamily.@Nullable Named named, String hash) {
		return (named != null) ? findById(named.grant().toString()) : findByHash("refresh_hash", hash, HASHED + hash);
	}

	/**
	 * The grant with the presented refresh token's value, if that is its current one.
	 */
	private static @Nullable OAuth2Authorization current(@Nullable OAuth2Authorization grant, String hash,
			String token) {
		return (grant != null && hash.equals(grant.getAttribute(STORED_REFRESH)))
				? withValue(grant, OAuth2RefreshToken.class, token) : null;
	}

	/**
	 * The grant whose current refresh token this is, within the family's absolute
	 * lifetime. A refresh token that names its grant is looked up by the grant's id, and
	 * one that is not the grant's current one but carries its family's secret was
	 * replaced: it revokes the grant (RFC 9700 §4.14.2). One of the earlier shape is
	 * looked up by its hash, and found among the spent ones if it was replaced.
	 */
	private @Nullable OAuth2Authorization findRefreshToken(String hash, String token) {
		RefreshTokenFamily.Named named = RefreshTokenFamily.read(token);
		OAuth2Authorization grant = refreshTokenGrant(named, hash);
		OAuth2Authorization current = current(grant, hash, token);
		if (current != null) {
			Instant started = Objects.requireNonNull(current.getAttribute(FAMILY_STARTED_AT));
			return started.plus(this.properties.refreshTokenAbsoluteTtl()).isAfter(this.clock.instant()) ? current
					: null;
		}
		if (named != null) {
			// not the grant's current refresh token: one it replaced, if it carries the
			// family's secret; a made-up one revokes nothing
			if (grant != null && named.belongsTo(grant.getAttribute(RefreshTokenFamily.ATTRIBUTE))) {
				revokeFamily(grant.getId());
			}
			return null;
		}
		this.jdbc.sql("""
				select authorization_id from oauth_spent_refresh where hash_key = ? and token_hash = ?
				union all select authorization_id from oauth_spent_refresh_tokens where token_hash = ?""")
			.params(hashKey(hash), hash, hash)
			.query(String.class)
			.list()
			.stream()
			.findFirst()
			.ifPresent(this::revokeFamily);
		return null;
	}

	static final String FAMILY_STARTED_AT = "dev.mailgate.oauth.familyStartedAt";

	/**
	 * A spent refresh token came back: someone holds a copy. Revoke every token of the
	 * grant.
	 */
	private void revokeFamily(String authorizationId) {
		evictAccessTokenOf(authorizationId, true);
		this.jdbc.sql("select registered_client_id, principal_name from oauth_authorizations where id = ?")
			.param(authorizationId)
			.query((rs, row) -> new Holder(AppId.parse(rs.getString(1)), rs.getString(2)))
			.optional()
			.ifPresent((holder) -> this.apps.byId(holder.app())
				.ifPresent((client) -> this.events.publishEvent(new OAuthEvents.RefreshTokenReused(holder.app(),
						client.clientId(), holder.principal(), this.clock.instant()))));
		this.jdbc.sql("delete from oauth_authorizations where id = ?").param(authorizationId).update();
	}

	/**
	 * @param everywhere whether the token is revoked (evicted on every node) or only
	 * replaced (evicted here)
	 */
	private void evictAccessTokenOf(String authorizationId, boolean everywhere) {
		this.jdbc.sql("""
				select coalesce(access_hash, named_access_hash) from oauth_authorizations
				where id = ? and coalesce(access_hash, named_access_hash) is not null""")
			.param(authorizationId)
			.query(String.class)
			.optional()
			.ifPresent((hash) -> {
				if (everywhere) {
					this.evictions.evict(ACCESS_CACHE, hash);
				}
				else {
					this.byAccessHash.invalidate(hash);
				}
			});
	}

	/**
	 * Deletes, among the next {@code page} rows by id after {@code after}, the
	 * authorizations nothing can use any more: started before {@code before}, and each of
	 * their code and tokens expired before it ({@link GrantRetention}). Their spent
	 * refresh tokens are left to {@link #purgeSpent}.
	 * @return the last id read ({@code null} when none was left) and how many were
	 * deleted
	 */
	PurgedPage purgeExpired(String after, Instant before, int page) {
		List<String> ids = this.jdbc.sql("select id from oauth_authorizations where id > ? order by id limit ?")
			.params(after, page)
			.query(String.class)
			.list();
		if (ids.isEmpty()) {
			return new PurgedPage(null, 0, 0);
		}
		String last = ids.get(ids.size() - 1);
		int deleted = this.jdbc.sql("""
				delete from oauth_authorizations where id > :after and id <= :last and created_at < :before
				and (code_expires_at is null or code_expires_at < :before)
				and (access_expires_at is null or access_expires_at < :before)
				and (refresh_expires_at is null or refresh_expires_at < :before)
				and (id_token_expires_at is null or id_token_expires_at < :before)""")
			.param("after", after)
			.param("last", last)
			.param("before", Timestamps.utc(before))
			.update();
		return new PurgedPage(last, ids.size(), deleted);
	}

	/**
	 * What a page of {@link #purgeExpired} read and deleted.
	 */
	record PurgedPage(@Nullable String last, int read, int deleted) {
	}

	/**
	 * The key of a spent refresh token: the first 64 bits of its SHA-256.
	 */
	static long hashKey(String hash) {
		return Long.parseUnsignedLong(hash, 0, 16, 16);
	}

	/**
	 * Deletes, among the next {@code page} spent refresh tokens by key after
	 * {@code after}, those of grants that are gone ({@link GrantRetention}): presenting
	 * one again has nothing left to revoke.
	 * @return the last key read and how many were deleted
	 */
	SpentPage purgeSpent(long after, int page) {
		List<Long> keys = this.jdbc
			.sql("select hash_key from oauth_spent_refresh where hash_key > ? order by hash_key limit ?")
			.params(after, page)
			.query(Long.class)
			.list();
		if (keys.isEmpty()) {
			return new SpentPage(after, 0, 0);
		}
		long last = keys.get(keys.size() - 1);
		int deleted = this.jdbc
			.sql("""
					delete from oauth_spent_refresh where hash_key > ? and hash_key <= ?
					and not exists (select 1 from oauth_authorizations a where a.id = oauth_spent_refresh.authorization_id)""")
			.params(after, last)
			.update();
		return new SpentPage(last, keys.size(), deleted);
	}

	/**
	 * What a page of {@link #purgeSpent} read and deleted.
	 */
	record SpentPage(long last, int read, int deleted) {
	}

	/**
	 * Revokes every token of a person's grant to an app, on every node.
	 * @return how many authorizations there were
	 */
	int removeGrant(String registeredClientId, String principalName) {
		this.jdbc.sql("""
				select coalesce(access_hash, named_access_hash) from oauth_authorizations
				where registered_client_id = ? and principal_name = ? and grant_type <> ?
				and coalesce(access_hash, named_access_hash) is not null""")
			.params(UUID.fromString(registeredClientId), principalName,
					AuthorizationGrantType.CLIENT_CREDENTIALS.getValue())
			.query(String.class)
			.list()
			.forEach((hash) -> this.evictions.evict(ACCESS_CACHE, hash));
		return this.jdbc.sql("""
				delete from oauth_authorizations
				where registered_client_id = ? and principal_name = ? and grant_type <> ?""")
			.params(UUID.fromString(registeredClientId), principalName,
					AuthorizationGrantType.CLIENT_CREDENTIALS.getValue())
			.update();
	}

	/**
	 * A code exchange asks for its code twice: Mailgate's PKCE check ({@link PkceCheck},
	 * part of authenticating the client) and then Spring AS's code provider. The second
	 * ask in the same request gets the first one's answer, kept on the request, instead
	 * of reading and decoding the row again. Saving or removing the authorization forgets
	 * it, and nothing outlives the request: another request, such as a replay of the
	 * code, reads the row.
	 */
	private @Nullable OAuth2Authorization findCode(String hash, String token) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null && request.getAttribute(CODE_READ, RequestAttributes.SCOPE_REQUEST) instanceof CodeRead read
				&& read.hash().equals(hash)) {
			return read.authorization();
		}
		OAuth2Authorization found = findByHash("code_hash", hash, token);
		if (request != null && found != null) {
			request.setAttribute(CODE_READ, new CodeRead(hash, found), RequestAttributes.SCOPE_REQUEST);
		}
		return found;
	}

	private static void forgetCodeRead() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.removeAttribute(CODE_READ, RequestAttributes.SCOPE_REQUEST);
		}
	}

	/**
	 * A code's hash and the authorization read for it, kept for the rest of the request.
	 */
	private record CodeRead(String hash, OAuth2Authorization authorization) {
	}

	private @Nullable OAuth2Authorization findByHash(String column, String hash, String presented) {
		OAuth2Authorization found = this.jdbc.sql(COLUMNS + "where " + column + " = ?")
			.param(hash)
			.query(this::rebuild)
			.optional()
			.orElse(null);
		if (found == null) {
			return null;
		}
		return switch (column) {
			case "state_hash" ->
				OAuth2Authorization.from(found).attribute(OAuth2ParameterNames.STATE, presented).build();
			case "code_hash" -> withValue(found, OAuth2AuthorizationCode.class, presented);
			case "access_hash" -> withValue(found, OAuth2AccessToken.class, presented);
			case "refresh_hash" -> withValue(found, OAuth2RefreshToken.class, presented);
			default -> found;
		};
	}

	private static <T extends AbstractOAuth2Token> OAuth2Authorization withValue(OAuth2Authorization authorization,
			Class<T> type, String value) {
		OAuth2Authorization.Token<T> token = authorization.getToken(type);
		if (token == null || value.startsWith(HASHED)) {
			return authorization;
		}
		AbstractOAuth2Token withValue = Tokens.copyWithValue(token.getToken(), value);
		return OAuth2Authorization.from(authorization)
			.token(withValue, (metadata) -> metadata.putAll(token.getMetadata()))
			.build();
	}

	private void insert(Row row) {
		this.inserts.insert(row.values(this.clock.instant(), this.properties.compactTokenMetadata()));
	}

	private boolean exists(String authorizationId) {
		return this.jdbc.sql("select count(*) from oauth_authorizations where id = ?")
			.param(authorizationId)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * @param refreshHash the refresh token's hash the row must still hold, or
	 * {@code null} for any
	 * @return how many rows it updated: none when the authorization was deleted since it
	 * was read, or its refresh token was no longer {@code refreshHash}
	 */
	private int update(Row row, @Nullable String refreshHash) {
		List<Object> values = new ArrayList<>(
				Arrays.asList(row.values(this.clock.instant(), this.properties.compactTokenMetadata())));
		Object id = values.remove(0);
		values.remove(values.size() - 1); // created_at stays
		String attributes = "attributes = ?, ";
		if (row.attributesUnchanged()) {
			values.remove(4);
			attributes = "";
		}
		values.add(id);
		String current = "";
		if (refreshHash != null) {
			values.add(refreshHash);
			current = " and coalesce(refresh_hash, named_refresh_hash) = ?";
		}
		return this.jdbc.sql("""
				update oauth_authorizations set registered_client_id = ?, principal_name = ?, grant_type = ?,
				authorized_scopes = ?, %sstate_hash = ?, code_hash = ?, code_issued_at = ?,
				code_expires_at = ?, code_metadata = ?, access_hash = ?, named_access_hash = ?, access_issued_at = ?,
				access_expires_at = ?,
				access_metadata = ?, access_scopes = ?, refresh_hash = ?, named_refresh_hash = ?, refresh_issued_at = ?,
				refresh_expires_at = ?, refresh_metadata = ?, id_token_hash = ?, id_token_issued_at = ?,
				id_token_expires_at = ?, id_token_metadata = ? where id = ?%s""".formatted(attributes, current))
			.params(values)
			.update();
	}

	private OAuth2Authorization rebuild(ResultSet rs, int rowNumber) throws SQLException {
		String clientId = rs.getString(2);
		RegisteredClient client = this.clients.findById(clientId);
		if (client == null) {
			throw new IllegalStateException(
					"Authorization %s names the unknown client %s".formatted(rs.getString(1), clientId));
		}
		Map<String, Object> stored = AttributeCodec.read(rs.getBytes(6));
		Map<String, Object> attributes = new HashMap<>(stored);
		attributes.put(STORED_ATTRIBUTES, new StoredAttributes(stored));
		// The row lives as long as the person's authorization: its creation starts the
		// refresh token family's absolute lifetime.
		attributes.put(FAMILY_STARTED_AT, Timestamps.instant(rs, 25));
		String accessHash = rs.getString(12);
		attributes.put(STORED_ACCESS, (accessHash != null) ? accessHash : "");
		String refreshHash = rs.getString(17);
		attributes.put(STORED_REFRESH, (refreshHash != null) ? refreshHash : "");
		attributes.put(STORED_REFRESH_NAMED, rs.getBoolean(26));
		attributes.put(STORED_ACCESS_NAMED, rs.getBoolean(27));
		String stateHash = rs.getString(7);
		if (stateHash != null) {
			attributes.put(OAuth2ParameterNames.STATE, HASHED + stateHash);
		}
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(rs.getString(4))) {
			attributes.putIfAbsent(Principal.class.getName(),
					new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null));
		}
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
			.id(rs.getString(1))
			.principalName(rs.getString(3))
			.authorizationGrantType(new AuthorizationGrantType(rs.getString(4)))
			.authorizedScopes(words(rs.getString(5)))
			.attributes((map) -> map.putAll(attributes));
		StoredToken code = stored(rs, 8);
		if (code != null) {
			builder.token(new OAuth2AuthorizationCode(HASHED + code.hash(), code.issuedAt(), code.expiresAt()),
					metadata(code));
		}
		StoredToken access = stored(rs, 12);
		if (access != null) {
			builder.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, HASHED + access.hash(),
					access.issuedAt(), access.expiresAt(), words(rs.getString(16))), metadata(access));
		}
		StoredToken refresh = stored(rs, 17);
		if (refresh != null) {
			builder.token(new OAuth2RefreshToken(HASHED + refresh.hash(), refresh.issuedAt(), refresh.expiresAt()),
					metadata(refresh));
		}
		StoredToken idToken = stored(rs, 21);
		if (idToken != null) {
			@SuppressWarnings("unchecked")
			Map<String, Object> claims = (Map<String, Object>) idToken.metadata()
				.getOrDefault(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, Map.of("sub", "unknown"));
			builder.token(new OidcIdToken(HASHED + idToken.hash(), idToken.issuedAt(), idToken.expiresAt(), claims),
					metadata(idToken));
		}
		return builder.build();
	}

	/**
	 * @param first the position of the token's first column, its hash, in
	 * {@link #COLUMNS}; its issue and expiry times and its metadata follow
	 */
	private static @Nullable StoredToken stored(ResultSet rs, int first) throws SQLException {
		String hash = rs.getString(first);
		if (hash == null) {
			return null;
		}
		return new StoredToken(hash, Timestamps.instant(rs, first + 1), Timestamps.instant(rs, first + 2),
				AttributeCodec.read(rs.getBytes(first + 3)));
	}

	private static Consumer<Map<String, Object>> metadata(StoredToken token) {
		return (metadata) -> metadata.putAll(token.metadata());
	}

	static String hashOf(String value) {
		return value.startsWith(HASHED) ? value.substring(HASHED.length()) : CredentialFormat.sha256(value);
	}

	private static Set<String> words(@Nullable String value) {
		// written by String.join(" ", …) below: scope tokens are separated by one space
		// each (RFC 6749 §3.3), which Spring's tokenizer reads without a regex
		return new LinkedHashSet<>(Arrays.asList(StringUtils.tokenizeToStringArray(value, " ")));
	}

	/**
	 * Whose grant an authorization is.
	 */
	private record Holder(AppId app, String principal) {

	}

	/**
	 * The attributes an authorization was read with, kept out of equality games by a type
	 * of its own.
	 */
	private record StoredAttributes(Map<String, Object> values) {

	}

	/**
	 * An authorization flattened into the table's columns.
	 */
	private record Row(OAuth2Authorization authorization, @Nullable String stateHash, @Nullable StoredToken code,
			@Nullable StoredToken access, @Nullable String accessScopes, @Nullable StoredToken refresh,
			@Nullable StoredToken idToken, Map<String, Object> attributes, boolean attributesUnchanged,
			boolean refreshNamed, boolean accessNamed) {

		static Row of(OAuth2Authorization authorization) {
			Map<String, Object> attributes = new HashMap<>(authorization.getAttributes());
			Object state = attributes.remove(OAuth2ParameterNames.STATE);
			attributes.remove(STORED_REFRESH);
			Object storedNamed = attributes.remove(STORED_REFRESH_NAMED);
			Object storedAccessNamed = attributes.remove(STORED_ACCESS_NAMED);
			attributes.remove(STORED_ACCESS);
			Object stored = attributes.remove(STORED_ATTRIBUTES);
			attributes.remove(FAMILY_STARTED_AT);
			if (attributes.get(Principal.class.getName()) instanceof UsernamePasswordAuthenticationToken person
					&& (person.getDetails() != null || !(person.getPrincipal() instanceof String))) {
				// The person by sign-in name, without the web details of the sign-in
				// (address and session id): a session id has no business at rest, and
				// whoever reads the person back (the consent check, TokenClaims,
				// JwtClaims)
				// asks for the name only. Kept so, the person takes the compact form.
				attributes.put(Principal.class.getName(), UsernamePasswordAuthenticationToken
					.authenticated(person.getName(), null, person.getAuthorities()));
			}
			if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
				// The principal is the client itself, rebuilt from the client on load:
				// storing the
				// whole registered client with every token would triple what the hot path
				// writes.
				attributes.remove(Principal.class.getName());
			}
			OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
			return new Row(authorization, (state instanceof String value) ? hashOf(value) : null,
					token(authorization.getToken(OAuth2AuthorizationCode.class)), token(access),
					(access != null) ? String.join(" ", access.getToken().getScopes()) : null,
					token(authorization.getRefreshToken()), token(authorization.getToken(OidcIdToken.class)),
					attributes, (stored instanceof StoredAttributes read) && read.values().equals(attributes),
					named(authorization.getRefreshToken(), storedNamed, RefreshTokenFamily::isWellFormed),
					named(access, storedAccessNamed, GrantAccessTokens::isWellFormed));
		}

		/**
		 * Whether the token names its grant ({@link RefreshTokenFamily},
		 * {@link GrantAccessTokens}), so that its hash goes to the column without an
		 * index: told by its value when the authorization carries it (a new one), by
		 * where the row held it otherwise.
		 */
		private static boolean named(OAuth2Authorization.@Nullable Token<?> token, @Nullable Object storedNamed,
				Predicate<String> shape) {
			if (token == null) {
				return false;
			}
			String value = token.getToken().getTokenValue();
			return value.startsWith(HASHED) ? Boolean.TRUE.equals(storedNamed) : shape.test(value);
		}

		private static @Nullable StoredToken token(OAuth2Authorization.@Nullable Token<?> token) {
			if (token == null) {
				return null;
			}
			return new StoredToken(hashOf(token.getToken().getTokenValue()), token.getToken().getIssuedAt(),
					token.getToken().getExpiresAt(), token.getMetadata());
		}

		/**
		 * @param compact whether plain maps (token metadata) may take the compact form
		 */
		Object[] values(Instant now, boolean compact) {
			return new Object[] { this.authorization.getId(),
					UUID.fromString(this.authorization.getRegisteredClientId()), this.authorization.getPrincipalName(),
					this.authorization.getAuthorizationGrantType().getValue(),
					String.join(" ", this.authorization.getAuthorizedScopes()),
					this.attributesUnchanged ? null : AttributeCodec.write(this.attributes, compact), this.stateHash,
					hash(this.code), issued(this.code), expires(this.code), meta(this.code, compact),
					this.accessNamed ? null : hash(this.access), this.accessNamed ? hash(this.access) : null,
					issued(this.access), expires(this.access), meta(this.access, compact), this.accessScopes,
					this.refreshNamed ? null : hash(this.refresh), this.refreshNamed ? hash(this.refresh) : null,
					issued(this.refresh), expires(this.refresh), meta(this.refresh, compact), hash(this.idToken),
					issued(this.idToken), expires(this.idToken), meta(this.idToken, compact), Timestamps.utc(now) };
		}

		private static @Nullable String hash(@Nullable StoredToken token) {
			return (token != null) ? token.hash() : null;
		}

		private static @Nullable Object issued(@Nullable StoredToken token) {
			return (token != null) ? Timestamps.utc(token.issuedAt()) : null;
		}

		private static @Nullable Object expires(@Nullable StoredToken token) {
			return (token != null) ? Timestamps.utc(token.expiresAt()) : null;
		}

		private static byte @Nullable [] meta(@Nullable StoredToken token, boolean compact) {
			return (token != null) ? AttributeCodec.write(token.metadata(), compact) : null;
		}

	}

}
