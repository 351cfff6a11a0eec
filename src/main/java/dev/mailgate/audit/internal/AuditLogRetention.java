package dev.mailgate.audit.internal;

import java.time.Clock;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the audit events older than the retention ({@link AuditLogProperties}), a
 * minute after start-up and then every day, in batches, so that no single delete holds
 * the table for long.
 */
@Component
class AuditLogRetention {

	static final int BATCH = 5_000;

	private static final Log log = LogFactory.getLog(AuditLogRetention.class);

	private final AuditLog auditLog;

	private final AuditLogProperties properties;

	private final Clock clock;

	AuditLogRetention(AuditLog auditLog, AuditLogProperties properties, Clock clock) {
		this.auditLog = auditLog;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @return how many events were deleted
	 */
	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "P1D")
	int purge() {
		Instant before = this.clock.instant().minus(this.properties.retention());
		int purged = 0;
		int deleted;
		do {
			deleted = this.auditLog.purgeBatch(before, BATCH);
			purged += deleted;
		}
		while (deleted == BATCH);
		if (purged > 0) {
			log.info("Deleted %d audit events from before %s (retention: %d days)".formatted(purged, before,
					this.properties.retention().toDays()));
		}
		return purged;
	}

}
