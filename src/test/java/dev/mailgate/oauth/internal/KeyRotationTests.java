package dev.mailgate.oauth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.jwk.ECKey;
import dev.mailgate.oauth.OAuthEvents;
import dev.mailgate.support.MovableClock;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled rotation of the JWT signing key and the client_credentials token key, on
 * an embedded database of the test's own that two nodes share.
 */
class KeyRotationTests {

	private final JdbcClient jdbc = JdbcClient.create(new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:rotation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));

	private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T06:00:00Z"));

	private final List<Object> events = new CopyOnWriteArrayList<>();

	KeyRotationTests() {
		this.jdbc.sql("""
				create table oauth_signing_keys (kid varchar(64) not null primary key, algorithm varchar(16) not null,
				private_key bytea not null, public_key bytea not null, created_at timestamp with time zone not null,
				retired_at timestamp with time zone)""").update();
		this.jdbc.sql("""
				create table oauth_token_keys (id integer not null primary key, sealed_key varchar(400) not null,
				created_at timestamp with time zone not null, retired_at timestamp with time zone)""").update();
	}

	@Test
	void keysOlderThanTheMaximumAgeAreReplacedAndTheRetiredOnesStillCheckWhatTheySigned() {
		Node node = new Node(Duration.ofDays(90));
		String kid = node.signingKeys.current().getKeyID();
		int tokenKey = node.tokenKeys.current().id();

		this.clock.advance(Duration.ofDays(89));
		assertThat(node.rotation.rotateAgedKeys()).isFalse();
		assertThat(node.signingKeys.current().getKeyID()).isEqualTo(kid);

		this.clock.advance(Duration.ofDays(2));
		assertThat(node.rotation.rotateAgedKeys()).isTrue();

		assertThat(node.signingKeys.current().getKeyID()).isNotEqualTo(kid);
		// RFC 7517 §5: the JWKS still publishes the retired key, so JWTs it signed verify
		assertThat(node.signingKeys.published()).extracting(ECKey::getKeyID).hasSize(2).contains(kid);
		assertThat(node.tokenKeys.current().id()).isGreaterThan(tokenKey);
		assertThat(node.tokenKeys.byId(tokenKey)).as("the retired token key still checks its tokens").isNotNull();
		assertThat(node.rotation.rotateAgedKeys()).as("the new keys are young").isFalse();
		assertThat(this.events).singleElement()
			.isEqualTo(new OAuthEvents.SigningKeysRotated(null, node.signingKeys.current().getKeyID(),
					node.tokenKeys.current().id(), this.clock.instant()));
	}

	@Test
	void ofNodesCheckingAtTheSameTimeOneRotates() {
		Node first = new Node(Duration.ofDays(90));
		Node second = new Node(Duration.ofDays(90));
		first.signingKeys.current();
		first.tokenKeys.current();
		this.clock.advance(Duration.ofDays(91));

		assertThat(first.rotation.rotateAgedKeys()).isTrue();
		assertThat(second.rotation.rotateAgedKeys()).isFalse();

		assertThat(count("oauth_signing_keys")).isEqualTo(2);
		assertThat(count("oauth_token_keys")).isEqualTo(2);
		assertThat(this.jdbc.sql("select count(*) from oauth_signing_keys where retired_at is null")
			.query(Integer.class)
			.single()).isOne();
		assertThat(this.jdbc.sql("select count(*) from oauth_token_keys where retired_at is null")
			.query(Integer.class)
			.single()).isOne();
	}

	@Test
	void aMaximumAgeOfZeroTurnsTheRotationOff() {
		Node node = new Node(Duration.ZERO);
		String kid = node.signingKeys.current().getKeyID();
		this.clock.advance(Duration.ofDays(400));

		assertThat(node.rotation.rotateAgedKeys()).isFalse();
		assertThat(node.signingKeys.current().getKeyID()).isEqualTo(kid);
	}

	@Test
	void durationsAreDescribedAsPeopleSayThem() {
		assertThat(KeyRotation.describe(Duration.ofDays(90))).isEqualTo("90 days");
		assertThat(KeyRotation.describe(Duration.ofDays(1))).isEqualTo("a day");
		assertThat(KeyRotation.describe(Duration.ofHours(1))).isEqualTo("an hour");
		assertThat(KeyRotation.describe(Duration.ofHours(12))).isEqualTo("12 hours");
		assertThat(KeyRotation.describe(Duration.ofMinutes(90))).isEqualTo("90 minutes");
	}

	private int count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

	private final class Node {

		final SigningKeys signingKeys;

		final TokenMacKeys tokenKeys;

		final KeyRotation rotation;

		Node(Duration maximumAge) {
			OAuthProperties properties = new OAuthProperties(Duration.ofSeconds(60), Duration.ofDays(30),
					Duration.ofDays(365), Duration.ofHours(1), Duration.ofSeconds(60), Map.of(), true,
					Duration.ofDays(1), true, maximumAge);
			JdbcClient jdbc = KeyRotationTests.this.jdbc;
			MovableClock clock = KeyRotationTests.this.clock;
			this.signingKeys = new SigningKeys(jdbc, clock, properties);
			this.tokenKeys = new TokenMacKeys(jdbc, new OtherEncryptionKey(), clock, properties);
			this.rotation = new KeyRotation(this.signingKeys, this.tokenKeys, properties, clock,
					KeyRotationTests.this.events::add);
		}

	}

}
