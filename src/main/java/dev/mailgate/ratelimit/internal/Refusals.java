package dev.mailgate.ratelimit.internal;

import java.time.Clock;

import dev.mailgate.ratelimit.RateLimited;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Tells the rest of Mailgate about every 429: a {@link RateLimited} event (the audit log
 * aggregates them) and the {@code mailgate.ratelimit.refusals} counter, by policy.
 */
class Refusals {

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MeterRegistry meters;

	Refusals(ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
		this.events = events;
		this.clock = clock;
		this.meters = meters;
	}

	void refused(Budget budget, @Nullable String clientId, String address) {
		this.meters.counter("mailgate.ratelimit.refusals", "limit", budget.name()).increment();
		this.events.publishEvent(new RateLimited(budget.name(), clientId, address, this.clock.instant()));
	}

}
