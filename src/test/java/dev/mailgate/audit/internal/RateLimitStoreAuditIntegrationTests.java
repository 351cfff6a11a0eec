package dev.mailgate.audit.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.mailgate.ratelimit.RateLimitStoreDown;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis, where the nodes share their rate limits, stopping to answer is a line in the
 * security log, saying what requests get meanwhile (docs/operations.md, "Outages").
 */
class RateLimitStoreAuditIntegrationTests extends AuditTestSupport {

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void theRateLimitStoreGoingAwayIsRecordedWithWhatRequestsGetMeanwhile() {
		long before = count();

		this.events.publishEvent(new RateLimitStoreDown(true, Instant.now().truncatedTo(ChronoUnit.MILLIS)));

		assertThat(count()).isEqualTo(before + 1);
		assertThat(this.jdbc
			.sql("select actor, outcome, detail from audit_events where kind = 'ratelimit.store_down' order by id desc")
			.query((rs, row) -> rs.getString(1) + " " + rs.getString(2) + ": " + rs.getString(3))
			.list()
			.get(0))
			.isEqualTo("system failure: The rate limit store (Redis) cannot be reached: requests go through "
					+ "without rate limits until it answers again");
	}

	private long count() {
		return this.jdbc.sql("select count(*) from audit_events where kind = 'ratelimit.store_down'")
			.query(Long.class)
			.single();
	}

}
