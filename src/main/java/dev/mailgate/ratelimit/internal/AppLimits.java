package dev.mailgate.ratelimit.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.mailgate.apps.AppEvents;
import dev.mailgate.platform.CacheEvictions;
import org.jspecify.annotations.Nullable;

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

	AppLimits(JdbcAppLimits rows, Policies policies, CacheEvictions evictions, Clock clock) {
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
		this.rows.save(new AppLimit(clientId, tokenEndpoint, api, this.clock.instant(), operator));
		this.evictions.evict(CACHE, clientId);
	}

	boolean clear(String clientId) {
		boolean cleared = this.rows.delete(clientId);
		this.evictions.evict(CACHE, clientId);
		return cleared;
	}

	@EventListener
	void on(AppEvents.AppDeleted deleted) {
		if (this.policies.appLimit(deleted.clientId()) != null) {
			clear(deleted.clientId());
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
