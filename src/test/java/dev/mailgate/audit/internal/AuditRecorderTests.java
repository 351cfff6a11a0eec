package dev.mailgate.audit.internal;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A row that cannot be written never fails the action it records, and the log says so
 * without what the row held.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditRecorderTests {

	@Test
	void aFailedWriteIsLoggedWithoutItsValuesAndNeverThrown(CapturedOutput output) {
		// a database without the audit table
		DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:mem:no-audit-table", "sa", "");
		AuditRecorder recorder = new AuditRecorder(new AuditLog(JdbcClient.create(database)),
				new DataSourceTransactionManager(database));

		assertThatNoException().isThrownBy(() -> recorder.record(AuditKind.SIGNIN_FAILED,
				() -> AuditEntry.of(AuditKind.SIGNIN_FAILED, Instant.now())
					.withActor("ada@example.com")
					.withDetail("Sign-in as ada@example.com failed")));
		assertThatNoException().isThrownBy(() -> recorder.record(AuditKind.CONSENT_GRANTED, () -> {
			throw new IllegalStateException("looking up the workspace failed for ada@example.com");
		}));

		assertThat(output).contains("Could not write a signin.failed audit event",
				"Could not write a consent.granted audit event", "IllegalStateException");
		assertThat(output).doesNotContain("ada@example.com");
	}

}
