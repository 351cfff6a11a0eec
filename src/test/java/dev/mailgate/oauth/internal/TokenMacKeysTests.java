package dev.mailgate.oauth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.mailgate.support.MovableClock;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signing keys as one node holds them, on an embedded database of the test's own.
 */
class TokenMacKeysTests {

	private final DataSource database = new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	private final JdbcClient jdbc = JdbcClient.create(this.database);

	private final TransactionTemplate transactions = new TransactionTemplate(new JdbcTransactionManager(this.database));

	private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T03:00:00Z"));

	private final OAuthProperties properties = new OAuthProperties(Duration.ofSeconds(60), Duration.ofDays(30),
			Duration.ofDays(365), Duration.ofHours(1), Duration.ofSeconds(60), Map.of(), true, Duration.ofDays(1), true,
			Duration.ofDays(90));

	TokenMacKeysTests() {
		this.jdbc.sql("""
				create table oauth_token_keys (id integer not null primary key, sealed_key varchar(400) not null,
				created_at timestamp with time zone not null, retired_at timestamp with time zone)""").update();
	}

	@Test
	void keepsSigningAndCheckingWithTheKeysItReadWhileTheDatabaseIsAway() {
		TokenMacKeys keys = new TokenMacKeys(this.jdbc, new OtherEncryptionKey(), this.clock, this.properties);
		int signing = keys.current().id();
		this.jdbc.sql("alter table oauth_token_keys rename to oauth_token_keys_away").update();
		this.clock.advance(Duration.ofSeconds(31));

		assertThat(keys.current().id()).isEqualTo(signing);
		assertThat(keys.byId(signing)).isNotNull();
	}

	@Test
	void aKeyMadeOnAnotherNodeSignsHereWithinThirtySeconds() {
		TokenMacKeys here = new TokenMacKeys(this.jdbc, new OtherEncryptionKey(), this.clock, this.properties);
		int before = here.current().id();
		int rotated = new TokenMacKeys(this.jdbc, new OtherEncryptionKey(), this.clock, this.properties).rotate();

		assertThat(here.current().id()).isEqualTo(before);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(here.current().id()).isEqualTo(rotated).isNotEqualTo(before);
		assertThat(here.byId(before)).as("the retired key still checks its tokens").isNotNull();
	}

	@Test
	void aRotationRolledBackLeavesTheNodeSigningWithTheKeyItHad() {
		TokenMacKeys keys = new TokenMacKeys(this.jdbc, new OtherEncryptionKey(), this.clock, this.properties);
		int signing = keys.current().id();

		this.transactions.executeWithoutResult((transaction) -> {
			keys.rotate();
			transaction.setRollbackOnly(); // as when the commit fails
		});

		assertThat(keys.current().id()).isEqualTo(signing);
		assertThat(
				this.jdbc.sql("select id from oauth_token_keys where retired_at is null").query(Integer.class).list())
			.containsExactly(signing);
	}

	@Test
	void aRotationCommittedSignsWithTheNewKeyAtOnce() {
		TokenMacKeys keys = new TokenMacKeys(this.jdbc, new OtherEncryptionKey(), this.clock, this.properties);
		int before = keys.current().id();

		Integer rotated = this.transactions.execute((transaction) -> keys.rotate());

		assertThat(keys.current().id()).isEqualTo(rotated).isNotEqualTo(before);
		assertThat(keys.byId(before)).as("the retired key still checks its tokens").isNotNull();
	}

	@Test
	void keysRetiredLongerAgoThanTheRetentionAreDeletedAndIdsAreNotUsedAgain() {
		TokenMacKeys keys = new TokenMacKeys(this.jdbc, new OtherEncryptionKey(), this.clock, this.properties);
		int first = keys.current().id();
		int second = keys.rotate();
		this.clock.advance(Duration.ofMinutes(30));
		int third = keys.rotate();

		this.clock.advance(Duration.ofMinutes(31));
		// the first was retired 61 minutes ago, the second 31: the retention is an hour
		assertThat(keys.purgeRetired()).isOne();

		assertThat(this.jdbc.sql("select id from oauth_token_keys order by id").query(Integer.class).list())
			.containsExactly(second, third);
		assertThat(keys.current().id()).isEqualTo(third);
		assertThat(keys.rotate()).isGreaterThan(third).isGreaterThan(first);
	}

}
