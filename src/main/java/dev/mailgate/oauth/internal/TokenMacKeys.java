package dev.mailgate.oauth.internal;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.mailgate.platform.SecretBox;
import dev.mailgate.platform.SecureRandoms;
import dev.mailgate.platform.Timestamps;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The HMAC-SHA256 keys of {@link SignedAccessTokens}, shared by every node through the
 * database. Each is kept there encrypted by the {@link SecretBox} key, which lives
 * outside the database: a copy of the database alone cannot forge a token. The first node
 * that needs a key makes it; a node that meets a key id it does not know reads the table
 * again, at most once every few seconds, so that made-up ids cannot turn into a query
 * each.
 */
@Component
class TokenMacKeys implements SignedAccessTokens.KeyRing {

	private static final String ALGORITHM = "HmacSHA256";

	private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(5);

	/**
	 * How soon a key made on another node ({@link #rotate}) signs here too.
	 */
	private static final Duration READ_AGAIN_AFTER = Duration.ofSeconds(30);

	private static final Log log = LogFactory.getLog(TokenMacKeys.class);

	private final JdbcClient jdbc;

	private final SecretBox box;

	private final Clock clock;

	private final Duration retention;

	/**
	 * The keys this node can open and may use, by id: the newest signs, the others
	 * (retired within the retention) only check.
	 */
	private volatile NavigableMap<Integer, Key> keys = Collections.emptyNavigableMap();

	private volatile Instant loadedAt = Instant.MIN;

	/**
	 * The highest key id in the table, whether this node can decrypt that key or not.
	 */
	private volatile int newestId;

	private final Set<Integer> undecryptable = ConcurrentHashMap.newKeySet();

	TokenMacKeys(JdbcClient jdbc, SecretBox box, Clock clock, OAuthProperties properties) {
		this.jdbc = jdbc;
		this.box = box;
		this.clock = clock;
		this.retention = properties.retiredKeyRetention();
	}

	/**
	 * The newest key this node can decrypt, made if there is none yet.
	 */
	@Override
	public Key current() {
		NavigableMap<Integer, Key> known = this.keys;
		if (this.loadedAt.plus(READ_AGAIN_AFTER).isBefore(this.clock.instant())) {
			known = loadIfOlderThan(READ_AGAIN_AFTER);
		}
		for (int attempt = 0; known.isEmpty() && attempt < 3; attempt++) {
			known = load();
			if (known.isEmpty()) {
				create(this.newestId + 1);
				known = load();
			}
		}
		if (known.isEmpty()) {
			throw new IllegalStateException("No token signing key that this node's encryption key opens");
		}
		// the newest: after a rotation, the only one not retired
		return known.lastEntry().getValue();
	}

	@Override
	public @Nullable Key byId(int id) {
		Key key = this.keys.get(id);
		if (key == null && this.loadedAt.plus(RELOAD_AT_MOST_EVERY).isBefore(this.clock.instant())) {
			key = loadIfOlderThan(RELOAD_AT_MOST_EVERY).get(id);
		}
		return key;
	}

	/**
	 * Makes a new key, which signs from now on (on other nodes within 30 s), and retires
	 * the others: they check the tokens they signed for the retention
	 * ({@code mailgate.oauth.retired-key-retention}), then nothing.
	 * @return the new key's id
	 */
	synchronized int rotate() {
		retire(null);
		return replace();
	}

	/**
	 * Makes a new key, as {@link #rotate} does, if the signing one was made before the
	 * given time: the scheduled rotation ({@link KeyRotation}). Of nodes that ask at once
	 * one rotates, since the others then find no unretired key that old.
	 * @return the new key's id, or {@code null} when the signing key is younger
	 */
	synchronized @Nullable Integer rotateIfMadeBefore(Instant before) {
		return (retire(before) > 0) ? replace() : null;
	}

	private int retire(@Nullable Instant madeBefore) {
		load(); // the newest id, which the new key follows
		return KeyTables.retire(this.jdbc, "oauth_token_keys", this.clock.instant(), madeBefore);
	}

	private int replace() {
		int id = this.newestId + 1;
		create(id);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return load().lastEntry().getKey();
		}
		// Inside the rotation's transaction (KeyRotation) the new key
		// signs here only once it is committed: a rotation rolled back
		// leaves this node signing with the key it had. After the
		// commit, current() reads the table again.
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				TokenMacKeys.this.loadedAt = Instant.MIN;
			}

		});
		return id;
	}

	/**
	 * The keys that still check tokens, the signing one (the newest) first, with when
	 * each was made and retired.
	 */
	List<KeyRotation.KeyAge> ages() {
		return this.jdbc.sql("""
				select id, created_at, retired_at from oauth_token_keys
				where retired_at is null or retired_at > ? order by id desc""")
			.param(Timestamps.utc(this.clock.instant().minus(this.retention)))
			.query((rs, row) -> new KeyRotation.KeyAge(String.valueOf(rs.getInt(1)),
					Objects.requireNonNull(Timestamps.instant(rs, 2)), Timestamps.instant(rs, 3)))
			.list();
	}

	/**
	 * Deletes the keys retired longer ago than the retention: they check nothing any
	 * more. The signing key is never one of them, and new keys take ids above it, so no
	 * id is used twice.
	 * @return how many
	 */
	int purgeRetired() {
		return this.jdbc.sql("delete from oauth_token_keys where retired_at < ?")
			.param(Timestamps.utc(this.clock.instant().minus(this.retention)))
			.update();
	}

	private synchronized NavigableMap<Integer, Key> loadIfOlderThan(Duration age) {
		if (!this.loadedAt.plus(age).isBefore(this.clock.instant()) || this.keys.isEmpty()) {
			return this.keys.isEmpty() ? load() : this.keys;
		}
		try {
			return load();
		}
		catch (DataAccessException ex) {
			// the database is away: the keys already read go on signing and checking (a
			// rotation elsewhere shows up once it is back), and issuing needs no database
			this.loadedAt = this.clock.instant();
			return this.keys;
		}
	}

	private synchronized NavigableMap<Integer, Key> load() {
		NavigableMap<Integer, Key> loaded = new TreeMap<>();
		Instant oldest = this.clock.instant().minus(this.retention);
		this.jdbc.sql("select id, sealed_key, retired_at from oauth_token_keys order by id")
			.query((rs, row) -> new Sealed(rs.getInt(1), rs.getString(2), Timestamps.instant(rs, "retired_at")))
			.list()
			.forEach((sealed) -> {
				this.newestId = Math.max(this.newestId, sealed.id());
				Key key = (sealed.retiredAt() == null || sealed.retiredAt().isAfter(oldest)) ? open(sealed) : null;
				if (key != null) {
					loaded.put(key.id(), key);
				}
			});
		this.keys = Collections.unmodifiableNavigableMap(loaded);
		this.loadedAt = this.clock.instant();
		return this.keys;
	}

	/**
	 * A key made by a node with another encryption key cannot be opened here: tokens it
	 * signed are refused on this node, and this node signs with a key of its own, so that
	 * issuing still works. Said once per key, since it means the nodes were not given the
	 * same {@code MAILGATE_ENCRYPTION_KEYSET}.
	 */
	private @Nullable Key open(Sealed sealed) {
		try {
			return new Key(sealed.id(),
					Base64.getDecoder().decode(this.box.decrypt(sealed.value(), associatedData(sealed.id()))));
		}
		catch (SecretBox.NotDecryptable ex) {
			if (this.undecryptable.add(sealed.id())) {
				log.warn(("Token signing key %d cannot be opened with this node's encryption key; tokens it signed "
						+ "are refused here. Give every node the same MAILGATE_ENCRYPTION_KEYSET.")
					.formatted(sealed.id()));
			}
			return null;
		}
	}

	private record Sealed(int id, String value, @Nullable Instant retiredAt) {
	}

	private void create(int id) {
		byte[] secret = new byte[32];
		SecureRandoms.current().nextBytes(secret);
		try {
			this.jdbc.sql("insert into oauth_token_keys (id, sealed_key, created_at) values (?, ?, ?)")
				.params(id, this.box.encrypt(Base64.getEncoder().encodeToString(secret), associatedData(id)),
						Timestamps.utc(this.clock.instant()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			// another node made it first: both read that one
		}
	}

	private static String associatedData(int id) {
		return "oauth_token_keys:" + id;
	}

	/**
	 * One HMAC-SHA256 key and its id, which every token it signed carries.
	 */
	static final class Key {

		private final int id;

		private final SecretKeySpec secret;

		private final Mac prototype;

		Key(int id, byte[] secret) {
			this.id = id;
			this.secret = new SecretKeySpec(secret, ALGORITHM);
			this.prototype = newMac();
		}

		int id() {
			return this.id;
		}

		/**
		 * The HMAC of the first {@code length} bytes: from a copy of a {@code Mac} made
		 * once, since {@code Mac.getInstance} searches the security providers on every
		 * call.
		 */
		byte[] mac(byte[] bytes, int length) {
			Mac mac;
			try {
				mac = (Mac) this.prototype.clone();
			}
			catch (CloneNotSupportedException ex) {
				mac = newMac();
			}
			mac.update(bytes, 0, length);
			return mac.doFinal();
		}

		private Mac newMac() {
			try {
				Mac mac = Mac.getInstance(ALGORITHM);
				mac.init(this.secret);
				return mac;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("Every Java runtime has " + ALGORITHM, ex);
			}
		}

	}

}
