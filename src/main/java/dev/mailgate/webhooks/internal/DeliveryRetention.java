package dev.mailgate.webhooks.internal;

import java.time.Clock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges deliveries older than the retention ({@code mailgate.webhooks.retention}, 30
 * days by default) from the log, with their attempts.
 */
@Component
class DeliveryRetention {

	private static final Log log = LogFactory.getLog(DeliveryRetention.class);

	private final JdbcDeliveries deliveries;

	private final WebhooksProperties properties;

	private final Clock clock;

	DeliveryRetention(JdbcDeliveries deliveries, WebhooksProperties properties, Clock clock) {
		this.deliveries = deliveries;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT1H")
	int purge() {
		int purged = this.deliveries.purge(this.clock.instant().minus(this.properties.retention()));
		if (purged > 0) {
			log.info("Purged " + purged + " webhook deliveries older than " + this.properties.retention());
		}
		return purged;
	}

}
