package dev.mailgate.platform.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.mailgate.platform.CacheEvictions;
import dev.mailgate.platform.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cache evictions through the database that every node shares, so that they need nothing
 * besides it. An eviction is a row, written in the revoking transaction (so it becomes
 * visible exactly when the revocation does); every node reads new rows four times a
 * second and runs its listeners. Ids come from a sequence, and a transaction that took a
 * lower id can commit after one with a higher id: each read looks back
 * {@value #LOOK_BACK} ids and skips the rows it has handled. Each eviction runs twice, on
 * sight and a second later, so that a request that read the old value just before the
 * revocation committed cannot put it back for long.
 */
@Component
class JdbcCacheEvictions implements CacheEvictions {

	static final int LOOK_BACK = 200;

	private static final Duration AGAIN_AFTER = Duration.ofSeconds(1);

	private static final Duration KEEP_ROWS = Duration.ofMinutes(10);

	private final String node = UUID.randomUUID().toString();

	private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();

	/**
	 * Rows already handled once, by id, with when; each runs once more after a second.
	 */
	private final Map<Long, Seen> seen = new HashMap<>();

	private final JdbcClient jdbc;

	private final Clock clock;

	private long highest = -1;

	JdbcCacheEvictions(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void evict(String cache, String key) {
		this.jdbc.sql("insert into platform_evictions (cache, cache_key, origin, at) values (?, ?, ?, ?)")
			.params(cache, key, this.node, Timestamps.utc(this.clock.instant()))
			.update();
		run(cache, key);
	}

	@Override
	public void listen(String cache, Consumer<String> listener) {
		this.listeners.computeIfAbsent(cache, (name) -> new CopyOnWriteArrayList<>()).add(listener);
	}

	/**
	 * Reads the rows other nodes wrote since the last read (and a look-back for late
	 * commits), and runs their evictions here. While the database is away this fails, and
	 * the next read catches up (platform's ScheduledTaskErrors logs that once a minute).
	 */
	@Scheduled(fixedDelayString = "${mailgate.cache.eviction-poll:250ms}")
	synchronized void poll() {
		if (this.highest < 0) {
			// Start from now: what was evicted before this node started is not in
			// its caches.
			this.highest = this.jdbc.sql("select coalesce(max(id), 0) from platform_evictions")
				.query(Long.class)
				.single();
			return;
		}
		Instant now = this.clock.instant();
		List<Row> rows = this.jdbc
			.sql("select id, cache, cache_key, origin from platform_evictions where id > ? order by id")
			.param(this.highest - LOOK_BACK)
			.query((rs, row) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
		for (Row row : rows) {
			this.highest = Math.max(this.highest, row.id());
			if (this.seen.containsKey(row.id())) {
				continue;
			}
			this.seen.put(row.id(), new Seen(row, now));
			if (!this.node.equals(row.origin())) {
				// this node's own evictions ran when they were made; they run again
				// with the others a second later
				run(row.cache(), row.key());
			}
		}
		for (Iterator<Seen> pending = this.seen.values().iterator(); pending.hasNext();) {
			Seen entry = pending.next();
			if (!entry.repeated() && entry.at().plus(AGAIN_AFTER).isBefore(now)) {
				run(entry.row().cache(), entry.row().key());
				entry.repeat();
			}
			if (entry.row().id() < this.highest - LOOK_BACK) {
				pending.remove();
			}
		}
	}

	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	void forgetOldRows() {
		this.jdbc.sql("delete from platform_evictions where at < ?")
			.param(Timestamps.utc(this.clock.instant().minus(KEEP_ROWS)))
			.update();
	}

	private void run(String cache, String key) {
		List<Consumer<String>> found = this.listeners.get(cache);
		if (found != null) {
			found.forEach((listener) -> listener.accept(key));
		}
	}

	private record Row(long id, String cache, String key, String origin) {
	}

	private static final class Seen {

		private final Row row;

		private final Instant at;

		private boolean repeated;

		Seen(Row row, Instant at) {
			this.row = row;
			this.at = at;
		}

		Row row() {
			return this.row;
		}

		Instant at() {
			return this.at;
		}

		boolean repeated() {
			return this.repeated;
		}

		void repeat() {
			this.repeated = true;
		}

	}

}
