package dev.mailgate.audit.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit log.
 *
 * @param retention how long events are kept ({@code MAILGATE_AUDIT_RETENTION}); older
 * ones are deleted every day
 */
@ConfigurationProperties("mailgate.audit")
record AuditLogProperties(@DefaultValue("365d") Duration retention) {

	AuditLogProperties {
		if (retention.compareTo(Duration.ofDays(1)) < 0) {
			throw new IllegalArgumentException(
					"mailgate.audit.retention must be at least one day (1d), not " + retention);
		}
	}

}
