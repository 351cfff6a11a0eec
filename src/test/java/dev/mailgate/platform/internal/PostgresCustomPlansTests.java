package dev.mailgate.platform.internal;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.mailgate.support.RequiresPostgres;
import dev.mailgate.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk write's look-up of 1,000 emails on PostgreSQL, on one connection as a pooled one
 * would run it again and again: with {@link PostgresCustomPlans} it is never run with a
 * generic plan, which on a young table read the whole workspace and compared every row
 * with the 1,000 parameters one by one (docs/benchmarks.md, "Contacts API").
 */
@RequiresPostgres
class PostgresCustomPlansTests {

	static final String LOOK_UP = "select id, email from contacts_contacts where workspace_id = :ws and email in (:emails)";

	private String schema;

	private SingleConnectionDataSource connection;

	private JdbcClient jdbc;

	private PostgresCustomPlans plans;

	private final List<String> emails = IntStream.range(0, 1_000).mapToObj((i) -> "c" + i + "@example.com").toList();

	@BeforeEach
	void oneConnectionToAFreshDatabase() throws Exception {
		this.schema = TestDatabase.newPostgresSchema();
		this.connection = new SingleConnectionDataSource(TestDatabase.postgresUrl(this.schema),
				TestDatabase.POSTGRES_USER, TestDatabase.POSTGRES_PASSWORD, true);
		org.flywaydb.core.Flyway.configure()
			.dataSource(this.connection)
			.locations("classpath:db/migration")
			.load()
			.migrate();
		this.jdbc = JdbcClient.create(this.connection);
		this.plans = new PostgresCustomPlans(this.jdbc,
				new TransactionTemplate(new DataSourceTransactionManager(this.connection)), this.connection);
	}

	@AfterEach
	void drop() {
		this.connection.destroy();
		JdbcClient
			.create(new SingleConnectionDataSource(TestDatabase.postgresUrl("public"), TestDatabase.POSTGRES_USER,
					TestDatabase.POSTGRES_PASSWORD, false))
			.sql("drop schema " + this.schema + " cascade")
			.update();
	}

	@Test
	void bulkLookUpIsPlannedForItsValuesEveryTimeItRuns() {
		for (int i = 0; i < 10; i++) {
			this.plans.read(this::lookUp);
		}

		// The driver prepares on the server from the fifth run: six runs there, all
		// custom.
		assertThat(plans()).as("generic plans, custom plans").containsExactly(0L, 6L);
	}

	@Test
	void withoutItTheDriversPreparedStatementIsSoonRunWithAGenericPlan() {
		for (int i = 0; i < 10; i++) {
			lookUp();
		}

		assertThat(plans().get(0)).as("generic plans").isPositive();
	}

	@Test
	void connectionKeepsItsDefaultPlanningOnceTheReadsEnd() {
		String during = this.plans.read(() -> setting());

		assertThat(during).isEqualTo("force_custom_plan");
		assertThat(setting()).isEqualTo("auto");
	}

	private List<String> lookUp() {
		return this.jdbc.sql(LOOK_UP)
			.param("ws", UUID.randomUUID())
			.param("emails", this.emails)
			.query((rs, row) -> rs.getString("email"))
			.list();
	}

	private String setting() {
		return this.jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single();
	}

	/**
	 * How often the driver's server-side statement of the look-up ran with a generic and
	 * with a custom plan (PostgreSQL 14's {@code pg_prepared_statements}).
	 */
	private List<Long> plans() {
		return this.jdbc
			.sql("select generic_plans, custom_plans from pg_prepared_statements where statement like '%email in (%'")
			.query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
			.single();
	}

}
