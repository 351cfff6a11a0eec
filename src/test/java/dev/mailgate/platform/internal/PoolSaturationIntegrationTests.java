package dev.mailgate.platform.internal;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.mailgate.IntegrationTestSupport;
import dev.mailgate.support.HttpsClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An overloaded database, as a node sees it: every connection of the pool stays busy
 * longer than the pool's wait (docs/operations.md, "The database is away"). The request
 * that waited gets the same 503 as in an outage, never a 500 and never a hang, and the
 * node serves again as soon as connections come free: the reachable database ends the
 * fail-fast refusal at the watcher's first look.
 */
class PoolSaturationIntegrationTests extends IntegrationTestSupport {

	@Value("${mailgate.data.dir}")
	Path dataDirectory;

	@Autowired
	DataSource dataSource;

	@Test
	void whenEveryConnectionIsBusyTheTokenEndpointAnswersTemporarilyUnavailableAndThenServesAgain()
			throws SQLException {
		HttpsClient client = new HttpsClient(this.dataDirectory, this.port);
		List<Connection> busy = holdEveryConnection();
		HttpResponse<String> refused;
		try {
			refused = tokenRequest(client);
		}
		finally {
			for (Connection connection : busy) {
				connection.close();
			}
		}

		// RFC 6749 §5.2 temporarily_unavailable; RFC 9110 §15.6.4 (503) and §10.2.3
		// (Retry-After)
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(refused.body()).contains("\"error\":\"temporarily_unavailable\"")
			.contains("unreachable or overloaded")
			.doesNotContain("Exception");
		long freed = System.nanoTime();
		HttpResponse<String> served = tokenRequest(client);
		while (served.statusCode() != 200 && System.nanoTime() - freed < Duration.ofSeconds(1).toNanos()) {
			served = tokenRequest(client);
		}
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(served.body()).contains("\"access_token\":\"mga_");
	}

	private List<Connection> holdEveryConnection() throws SQLException {
		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		List<Connection> held = new ArrayList<>();
		while (held.size() < pool.getMaximumPoolSize()) {
			held.add(pool.getConnection());
		}
		return held;
	}

	private static HttpResponse<String> tokenRequest(HttpsClient client) {
		String basic = Base64.getEncoder()
			.encodeToString((BOOTSTRAP_CLIENT_ID + ":" + BOOTSTRAP_CLIENT_SECRET).getBytes());
		return client.post("/oauth2/token", new String[] { "Authorization", "Basic " + basic }, "grant_type",
				"client_credentials", "scope", "contacts.read");
	}

}
