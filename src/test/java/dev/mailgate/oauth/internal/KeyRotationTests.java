package dev.mailgate.oauth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.nimbusds.jose.jwk.ECKey;
import dev.mailgate.oauth.OAuthEvents;
import dev.mailgate.support.MovableClock;
import dev.mailgate.support.RequiresPostgres;
import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled rotation of the JWT signing key and the client_credentials token key, on
 * an embedded database of the test's own that two nodes share, and on PostgreSQL with six
 * nodes checking at the same instant.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeyRotationTests {

	private final DataSource embedded = new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:rotation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	private final JdbcClient jdbc = JdbcClient.create(this.embedded);

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
	void theLogNamesTheNewKeysByTheirIdsAndNeverPrintsAKey(CapturedOutput output) {
		Node node = new Node(Duration.ofDays(90));
		node.signingKeys.current();
		node.tokenKeys.current();
		this.clock.advance(Duration.ofDays(91));

		node.rotation.rotateAgedKeys();
		String scheduledKid = node.signingKeys.current().getKeyID();
		int scheduledTokenKey = node.tokenKeys.current().id();
		node.rotation.rotateNow("admin@example.com");

		assertThat(output).contains("Rotated the JWT signing key, older than 90 days: key id " + scheduledKid)
			.contains("Rotated the client_credentials token key, older than 90 days: key id " + scheduledTokenKey)
			.contains("by hand: key ids " + node.signingKeys.current().getKeyID() + " and "
					+ node.tokenKeys.current().id() + " sign now")
			.doesNotContain("admin@example.com");
		for (ECKey key : node.signingKeys.published()) {
			assertThat(key.getD()).isNotNull();
			assertThat(output).doesNotContain(key.getD().toString());
		}
		// OtherEncryptionKey seals as "sealed by another key:<associated data>:<key>"
		for (String sealed : this.jdbc.sql("select sealed_key from oauth_token_keys").query(String.class).list()) {
			assertThat(output).doesNotContain(sealed.substring(sealed.lastIndexOf(':') + 1));
		}
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
	@RequiresPostgres
	void ofNodesCheckingAtTheSameInstantOnPostgresqlOneRotates() throws Exception {
		try (TestDatabase database = TestDatabase.postgresql()) {
			JdbcClient shared = database.jdbc();
			List<Node> nodes = IntStream.range(0, 6)
				.mapToObj((i) -> new Node(database.dataSource(), Duration.ofDays(90)))
				.toList();
			String kid = nodes.get(0).signingKeys.current().getKeyID();
			int tokenKey = nodes.get(0).tokenKeys.current().id();
			this.clock.advance(Duration.ofDays(91));

			CyclicBarrier together = new CyclicBarrier(nodes.size());
			ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
			List<Future<Boolean>> rotated = new ArrayList<>();
			for (Node node : nodes) {
				rotated.add(threads.submit(() -> {
					together.await(10, TimeUnit.SECONDS);
					return node.rotation.rotateAgedKeys();
				}));
			}
			threads.shutdown();
			List<Boolean> answers = new ArrayList<>();
			for (Future<Boolean> answer : rotated) {
				answers.add(answer.get(30, TimeUnit.SECONDS));
			}

			assertThat(answers).containsOnlyOnce(true).hasSize(nodes.size());
			assertThat(this.events).hasSize(1);
			assertThat(shared.sql("select kid from oauth_signing_keys where retired_at is null")
				.query(String.class)
				.list()).singleElement().isNotEqualTo(kid);
			assertThat(
					shared.sql("select id from oauth_token_keys where retired_at is null").query(Integer.class).list())
				.singleElement()
				.isNotEqualTo(tokenKey);
			assertThat(shared.sql("select count(*) from oauth_signing_keys").query(Integer.class).single())
				.isEqualTo(2);
			assertThat(shared.sql("select count(*) from oauth_token_keys").query(Integer.class).single()).isEqualTo(2);
		}
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
			this(KeyRotationTests.this.embedded, maximumAge);
		}

		Node(DataSource database, Duration maximumAge) {
			JdbcClient jdbc = JdbcClient.create(database);
			OAuthProperties properties = new OAuthProperties(Duration.ofSeconds(60), Duration.ofDays(30),
					Duration.ofDays(365), Duration.ofHours(1), Duration.ofSeconds(60), Map.of(), true,
					Duration.ofDays(1), true, maximumAge);
			MovableClock clock = KeyRotationTests.this.clock;
			this.signingKeys = new SigningKeys(jdbc, clock, properties);
			this.tokenKeys = new TokenMacKeys(jdbc, new OtherEncryptionKey(), clock, properties);
			this.rotation = new KeyRotation(this.signingKeys, this.tokenKeys, properties, clock,
					KeyRotationTests.this.events::add, new TransactionTemplate(new JdbcTransactionManager(database)));
		}

	}

}
