package dev.mailgate.integrations.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After connecting and refreshing, no text column of any table holds the provider's
 * client secret or any token in clear (DESIGN.md, "Credentials": encrypted with Tink, the
 * key outside the database).
 */
class VaultEncryptionIntegrationTests extends ConnectTestSupport {

	@Test
	void databaseHoldsNoProviderSecretOrTokenInClear() {
		newProviderAndPerson(true, false);
		String access = "vault-access-" + UUID.randomUUID();
		String refresh = "vault-refresh-" + UUID.randomUUID();
		Connection connection = connect(this.session, this.fake, this.email, access, refresh, 3600);
		String newAccess = "vault-access-" + UUID.randomUUID();
		String newRefresh = "vault-refresh-" + UUID.randomUUID();
		this.fake.refreshResponse(okJson("""
				{"access_token": "%s", "token_type": "Bearer", "expires_in": 3600, "refresh_token": "%s"}"""
			.formatted(newAccess, newRefresh)));
		expireAccessTokenIn(connection.id(), Duration.ZERO);
		assertThat(this.connectionTokens.accessToken(connection.id())).isEqualTo(newAccess);

		List<String> secrets = List.of(this.fake.clientSecret, access, refresh, newAccess, newRefresh);
		for (Column column : textColumns()) {
			for (String secret : secrets) {
				long found = this.jdbc
					.sql("select count(*) from " + column.table() + " where cast(" + column.name()
							+ " as varchar) like ?")
					.param("%" + secret + "%")
					.query(Long.class)
					.single();
				assertThat(found).as("%s.%s holds a secret or token in clear", column.table(), column.name()).isZero();
			}
		}
	}

	private List<Column> textColumns() {
		List<Column> columns = this.jdbc
			.sql("""
					select table_name, column_name from information_schema.columns
					where table_schema = 'public' and (data_type like '%CHAR%' or data_type like '%char%'
					or data_type like '%text%' or data_type like '%CLOB%' or data_type like '%JSON%' or data_type like '%json%')""")
			.query((rs, row) -> new Column(rs.getString(1), rs.getString(2)))
			.list();
		assertThat(columns).contains(new Column("integrations_connections", "access_token"),
				new Column("integrations_providers", "client_secret"));
		return columns;
	}

	record Column(String table, String name) {
	}

}
