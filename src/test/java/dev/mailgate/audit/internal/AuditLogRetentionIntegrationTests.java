package dev.mailgate.audit.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.mailgate.accounts.WorkspaceId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention purge deletes the events older than {@code mailgate.audit.retention} (365
 * days by default) and nothing else.
 */
class AuditLogRetentionIntegrationTests extends AuditTestSupport {

	@Autowired
	AuditLogRetention retention;

	@Autowired
	AuditLogProperties properties;

	@Test
	void purgeDeletesOnlyEventsOlderThanTheRetention() {
		WorkspaceId workspace = WorkspaceId.random();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		assertThat(this.properties.retention()).isEqualTo(Duration.ofDays(365));
		append(workspace, now.minus(Duration.ofDays(800)));
		append(workspace, now.minus(Duration.ofDays(366)));
		Instant lastYear = now.minus(Duration.ofDays(364));
		append(workspace, lastYear);
		append(workspace, now);

		assertThat(this.retention.purge()).isGreaterThanOrEqualTo(2);

		assertThat(eventsOf(workspace)).extracting(AuditEntry::at).containsExactly(lastYear, now);
	}

	private void append(WorkspaceId workspace, Instant at) {
		this.auditLog.append(AuditEntry.of(AuditKind.SIGNIN_SUCCEEDED, at)
			.withWorkspace(workspace)
			.withActor("ada@example.com")
			.withDetail("ada@example.com signed in"));
	}

}
