package dev.mailgate.oauth.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Set;

import dev.mailgate.apps.RegisteredApp;
import dev.mailgate.apps.TokenFormat;
import dev.mailgate.platform.CredentialFormat;
import dev.mailgate.platform.Timestamps;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * New grants are written by one thread, many requests' rows in one transaction (group
 * commit), and a token is still answered only once its row is committed.
 */
class AuthorizationInsertsIntegrationTests extends OAuthTestSupport {

	@Autowired
	AuthorizationInserts inserts;

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionOperations transactions;

	@Test
	void everyTokenOfManyRequestsAtOnceWorksAsSoonAsItIsAnswered() throws Exception {
		// JWT access tokens have rows; the client_credentials grant's opaque tokens are
		// signed and have none
		RegisteredApp app = register(true, Set.of("client_credentials"), "contacts.read", TokenFormat.JWT);
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			List<Future<String>> tokens = new ArrayList<>();
			for (int i = 0; i < 64; i++) {
				tokens.add(threads.submit(() -> {
					String token = accessToken(app, "contacts.read");
					// not cached when issued: the API reads the row the answer promised
					assertThat(this.mvc.get().uri("/api/v1/me").header("Authorization", "Bearer " + token))
						.hasStatusOk();
					return token;
				}));
			}
			for (Future<String> token : tokens) {
				assertThat(token.get()).startsWith("ey");
			}
		}
		finally {
			threads.shutdown();
		}
		assertThat(grantsOf(app)).isEqualTo(64);
	}

	@Test
	void aBatchWithOneBadRowWritesNothingAndEachRowAloneKeepsItsOwnOutcome() {
		RegisteredApp app = confidentialApp("contacts.read");
		Object[] first = row(app);
		Object[] sameId = row(app);
		sameId[0] = first[0];
		Object[] second = row(app);

		// one transaction: no half-written batch
		assertThat(this.inserts.write(List.of(first, sameId, second))).isFalse();
		assertThat(grantsOf(app)).isZero();

		// what each request then does on its own: its error is its own
		this.inserts.insert(first);
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.inserts.insert(sameId));
		this.inserts.insert(second);
		assertThat(grantsOf(app)).isEqualTo(2);
	}

	@Test
	void aRowWrittenInsideATransactionIsRolledBackWithIt() {
		RegisteredApp app = confidentialApp("contacts.read");
		this.transactions.executeWithoutResult((status) -> {
			this.inserts.insert(row(app));
			status.setRollbackOnly();
		});
		assertThat(grantsOf(app)).isZero();
	}

	@Test
	void afterShutdownRowsAreStillWrittenOneByOne() throws Exception {
		RegisteredApp app = confidentialApp("contacts.read");
		AuthorizationInserts stopped = new AuthorizationInserts(this.jdbcTemplate, this.transactions);
		stopped.insert(row(app));
		stopped.destroy();
		stopped.insert(row(app));
		assertThat(grantsOf(app)).isEqualTo(2);
	}

	/**
	 * The columns of a client_credentials grant with its access token's hash, in the
	 * order of {@link AuthorizationInserts#INSERT}.
	 */
	private static Object[] row(RegisteredApp app) {
		Instant now = Instant.now();
		Object[] values = new Object[27];
		values[0] = UUID.randomUUID().toString();
		values[1] = app.app().id().value();
		values[2] = app.app().clientId();
		values[3] = "client_credentials";
		values[4] = "contacts.read";
		values[11] = CredentialFormat.sha256(UUID.randomUUID().toString());
		values[13] = Timestamps.utc(now);
		values[14] = Timestamps.utc(now.plusSeconds(900));
		values[16] = "contacts.read";
		values[26] = Timestamps.utc(now);
		return values;
	}

	private long grantsOf(RegisteredApp app) {
		return this.jdbc.sql("select count(*) from oauth_authorizations where registered_client_id = ?")
			.param(app.app().id().value())
			.query(Long.class)
			.single();
	}

}
