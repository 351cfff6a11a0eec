package dev.mailgate.ratelimit.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.mailgate.apps.AppEvents;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The apps' own budgets: kept in the database, held in memory by {@link Policies}. A
 * change takes effect at once on the node that made it, and on the others when they next
 * read the table (every 10 seconds by default).
 */
class AppLimits {

	private final JdbcAppLimits rows;

	private final Policies policies;

	private final Clock clock;

	AppLimits(JdbcAppLimits rows, Policies policies, Clock clock) {
		this.rows = rows;
		this.policies = policies;
		this.clock = clock;
		reload();
	}

	List<AppLimit> all() {
		return this.rows.all();
	}

	void set(String clientId, @Nullable Budget tokenEndpoint, @Nullable Budget api, String operator) {
		this.rows.save(new AppLimit(clientId, tokenEndpoint, api, this.clock.instant(), operator));
		reload();
	}

	boolean clear(String clientId) {
		boolean cleared = this.rows.delete(clientId);
		reload();
		return cleared;
	}

	@EventListener
	void on(AppEvents.AppDeleted deleted) {
		if (this.policies.appLimit(deleted.clientId()) != null) {
			clear(deleted.clientId());
		}
	}

	@Scheduled(initialDelayString = "${mailgate.ratelimit.app-limits-refresh:10s}",
			fixedDelayString = "${mailgate.ratelimit.app-limits-refresh:10s}")
	void reload() {
		Map<String, AppLimit> byClient = this.rows.all()
			.stream()
			.collect(Collectors.toMap(AppLimit::clientId, Function.identity()));
		this.policies.useAppLimits(byClient);
	}

}
