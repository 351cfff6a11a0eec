package dev.mailgate;

import dev.mailgate.support.RequiresPostgres;
import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The whole application on PostgreSQL, as production runs it: Flyway migrates an empty
 * schema, bootstrap runs, and a person can sign up and sign in. The second (and last)
 * application context of the suite.
 */
@RequiresPostgres
@SpringBootTest(
		properties = { "mailgate.data.dir=target/it-data/${random.uuid}", "mailgate.bootstrap.client.id=pg-automation",
				"mailgate.bootstrap.client.secret=bootstrap-secret-of-at-least-32-characters" })
@AutoConfigureMockMvc
class PostgresIntegrationTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		String schema = TestDatabase.newPostgresSchema();
		registry.add("spring.datasource.url", () -> TestDatabase.postgresUrl(schema));
		registry.add("spring.datasource.username", () -> TestDatabase.POSTGRES_USER);
		registry.add("spring.datasource.password", () -> TestDatabase.POSTGRES_PASSWORD);
	}

	@Test
	void runsOnPostgresqlWithEveryMigrationApplied() {
		assertThat(this.jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
		assertThat(this.jdbc.sql("select count(*) from flyway_schema_history where success").query(Long.class).single())
			.isEqualTo(this.jdbc.sql("select count(*) from flyway_schema_history").query(Long.class).single())
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void bootstrapCreatedTheGeneratedAdministratorAndTheClientInItsWorkspace() {
		assertThat(this.jdbc.sql("""
				select count(*) from apps_apps a
				join accounts_memberships m on m.workspace_id = a.workspace_id and m.role = 'OWNER'
				join accounts_users u on u.id = m.user_id
				where a.client_id = 'pg-automation' and u.email = 'admin@localhost' and u.platform_admin""")
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void personCanSignUpAndSignInAgain() {
		MvcTestResult signUp = this.mvc.post()
			.uri("/signup")
			.with(csrf())
			.param("email", "pg-user@example.com")
			.param("displayName", "Postgres Person")
			.param("password", "correct horse battery staple")
			.exchange();
		assertThat(signUp).hasRedirectedUrl("/?welcome");

		MvcTestResult signIn = this.mvc.post()
			.uri("/login")
			.with(csrf())
			.param("email", "pg-user@example.com")
			.param("password", "correct horse battery staple")
			.exchange();
		assertThat(signIn).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/");
		assertThat(this.mvc.get().uri("/").session((MockHttpSession) signIn.getRequest().getSession())).bodyText()
			.contains("Hello, Postgres Person", "Postgres Person&#39;s workspace");
	}

}
