package dev.mailgate.ratelimit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.mailgate.apps.AppEvents;
import dev.mailgate.platform.CacheEvictions;
import dev.mailgate.ratelimit.AppLimitChanged;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The apps' own budgets: kept in the database, held in memory by {@link Policies}. A
 * change takes effect at once on the node that made it, and within a second on the others
 * (through {@link CacheEvictions}); every node also reads the table again every few
 * minutes, in case one missed an eviction while it was starting.
 */
class AppLimits {

	private final JdbcAppLimits rows;

	private final Policies policies;

	private final Clock clock;

	private static final String CACHE = "ratelimit.app-limits";

	private final CacheEvictions evictions;

	private final ApplicationEventPublisher events;

	AppLimits(JdbcAppLimits rows, Policies policies, CacheEvictions evictions, ApplicationEventPublisher events,
			Clock clock) {
		this.events = events;
		this.rows = rows;
		this.policies = policies;
		this.evictions = evictions;
		this.clock = clock;
		evictions.listen(CACHE, (clientId) -> reload());
		reload();
	}

	List<AppLimit> all() {
		return this.rows.all();
	}

	void set(String clientId, @Nullable Budget tokenEndpoint, @Nullable Budget api, String operator) {
		Instant now = this.clock.instant();
		this.rows.save(new AppLimit(clientId, tokenEndpoint, api, now, operator));
		this.evictions.evict(CACHE, clientId);
		this.events
			.publishEvent(new AppLimitChanged(clientId, (tokenEndpoint != null) ? tokenEndpoint.toString() : null,
					(api != null) ? api.toString() : null, false, operator, now));
	}

	boolean clear(String clientId, String operator) {
		boolean cleared = this.rows.delete(clientId);
		this.evictions.evict(CACHE, clientId);
		if (cleared) {
			this.events.publishEvent(new AppLimitChanged(clientId, null, null, true, operator, this.clock.instant()));
		}
		return cleared;
	}

	@EventListener
	void on(AppEvents.AppDeleted deleted) {
		if (this.policies.appLimit(deleted.clientId()) != null) {
			clear(deleted.clientId(), (deleted.actor() != null) ? deleted.actor() : "system");
		}
	}

	@Scheduled(initialDelayString = "${mailgate.ratelimit.app-limits-refresh:5m}",
			fixedDelayString = "${mailgate.ratelimit.app-limits-refresh:5m}")
	void reload() {
		Map<String, AppLimit> byClient = this.rows.all()
			.stream()
			.collect(Collectors.toMap(AppLimit::clientId, Function.identity()));
		this.policies.useAppLimits(byClient);
	}

}
