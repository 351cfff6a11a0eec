package dev.mailgate.oauth.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ES256 keys that sign JWT access tokens and ID tokens, kept in the database so that
 * every node signs with the same key and a restart changes nothing. The newest unretired
 * key signs; {@link #rotate()} retires it, and a retired key stays in the JWKS for
 * {@code mailgate.oauth.retired-key-retention}, longer than any token it signed lives.
 */
@Component
class SigningKeys implements JWKSource<SecurityContext> {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration retention;

	private final LoadingCache<String, List<ECKey>> keys;

	SigningKeys(JdbcClient jdbc, Clock clock, OAuthProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.retention = properties.retiredKeyRetention();
		this.keys = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(30)).build((key) -> load());
	}

	/**
	 * Every published key: the signing key and the retired ones still in their retention.
	 */
	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(new JWKSet(List.copyOf(published())));
	}

	List<ECKey> published() {
		List<ECKey> published = this.keys.get("all");
		if (published.isEmpty()) {
			create();
			this.keys.invalidateAll();
			published = this.keys.get("all");
		}
		return published;
	}

	/**
	 * Only the key that signs now, so that the encoder never has to choose.
	 */
	JWKSource<SecurityContext> signing() {
		return (selector, context) -> selector.select(new JWKSet(current()));
	}

	ECKey current() {
		return published().get(0);
	}

	/**
	 * Makes a new signing key and retires the current one.
	 */
	@Transactional
	String rotate() {
		retire(null);
		return replace();
	}

	/**
	 * Makes a new signing key if the current one was made before the given time, and
	 * retires that one: the scheduled rotation ({@link KeyRotation}). Of nodes that ask
	 * at once one rotates, since the others then find no unretired key that old.
	 * @return the new key's id, or {@code null} when the signing key is younger
	 */
	@Transactional
	@Nullable String rotateIfMadeBefore(Instant before) {
		return (retire(before) > 0) ? replace() : null;
	}

	private int retire(@Nullable Instant madeBefore) {
		return KeyTables.retire(this.jdbc, "oauth_signing_keys", this.clock.instant(), madeBefore);
	}

	private String replace() {
		String kid = create();
		this.keys.invalidateAll();
		return kid;
	}

	/**
	 * The keys in the JWKS, the signing one first, with when each was made and retired.
	 */
	List<KeyRotation.KeyAge> ages() {
		return this.jdbc.sql("""
				select kid, created_at, retired_at from oauth_signing_keys
				where retired_at is null or retired_at > ? order by retired_at desc nulls first, created_at desc""")
			.param(Timestamps.utc(this.clock.instant().minus(this.retention)))
			.query((rs, row) -> new KeyRotation.KeyAge(rs.getString(1),
					Objects.requireNonNull(Timestamps.instant(rs, 2)), Timestamps.instant(rs, 3)))
			.list();
	}

	private synchronized String create() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair pair = generator.generateKeyPair();
			String kid = UUID.randomUUID().toString();
			this.jdbc.sql("""
					insert into oauth_signing_keys (kid, algorithm, private_key, public_key, created_at)
					values (?, 'ES256', ?, ?, ?)""")
				.params(kid, pair.getPrivate().getEncoded(), pair.getPublic().getEncoded(),
						Timestamps.utc(this.clock.instant()))
				.update();
			return kid;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create a signing key", ex);
		}
	}

	private List<ECKey> load() {
		Instant oldest = this.clock.instant().minus(this.retention);
		return this.jdbc.sql("""
				select kid, private_key, public_key from oauth_signing_keys
				where retired_at is null or retired_at > ? order by retired_at desc nulls first, created_at desc""")
			.param(Timestamps.utc(oldest))
			.query((rs, row) -> key(rs.getString(1), rs.getBytes(2), rs.getBytes(3)))
			.list();
	}

	private static ECKey key(String kid, byte[] privateKey, byte[] publicKey) {
		try {
			KeyFactory factory = KeyFactory.getInstance("EC");
			return new ECKey.Builder(Curve.P_256,
					(ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicKey)))
				.privateKey((ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey)))
				.keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot read signing key " + kid, ex);
		}
	}

}
