package dev.mailgate.webhooks.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox and delivery log in {@code webhooks_deliveries} and
 * {@code webhooks_attempts}.
 */
@Repository
class JdbcDeliveries {

	/**
	 * Due: pending and its time has come, or claimed by a node that never finished (it
	 * stopped mid-send).
	 */
	private static final String DUE = """
			((status = 'PENDING' and next_attempt_at <= :now) or (status = 'SENDING' and claimed_until < :now))""";

	/**
	 * Greater than any delivery's id (time-ordered, so never all ones): the first page's
	 * bound.
	 */
	static final UUID AFTER_EVERY_ID = new UUID(-1L, -1L);

	private final JdbcClient jdbc;

	JdbcDeliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<UUID> due(Instant now, int limit) {
		return this.jdbc
			.sql("""
					select d.id from webhooks_deliveries d join webhooks_subscriptions s on s.id = d.subscription_id
					where s.enabled = true and ((d.status = 'PENDING' and d.next_attempt_at <= :now)
					or (d.status = 'SENDING' and d.claimed_until < :now)) order by d.next_attempt_at\s""" + " limit "
					+ limit)
			.param("now", Timestamps.utc(now))
			.query(UUID.class)
			.list();
	}

	/**
	 * Claims a due delivery for this node with a conditional update: of two nodes, one
	 * wins.
	 */
	boolean claim(UUID id, Instant now, Instant until) {
		return this.jdbc
			.sql("update webhooks_deliveries set status = 'SENDING', claimed_until = :until where id = :id and " + DUE)
			.param("until", Timestamps.utc(until))
			.param("id", id)
			.param("now", Timestamps.utc(now))
			.update() == 1;
	}

	Optional<Delivery> find(UUID id) {
		return this.jdbc.sql("select " + Delivery.COLUMNS + " from webhooks_deliveries where id = ?")
			.param(id)
			.query(Delivery::map)
			.optional();
	}

	void recordAttempt(UUID id, int attempt, Instant at, @Nullable Integer status, @Nullable String excerpt,
			@Nullable String error, int durationMs) {
		this.jdbc.sql("""
				insert into webhooks_attempts (delivery_id, attempt, at, response_status, response_excerpt, error,
				duration_ms) values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, attempt, Timestamps.utc(at), status, excerpt, error, durationMs)
			.update();
	}

	/**
	 * Ends an attempt: {@code SUCCEEDED}, {@code FAILED}, or {@code PENDING} again until
	 * {@code next}.
	 */
	void finish(UUID id, int attempts, String status, @Nullable Instant next, Instant at,
			@Nullable Integer responseStatus) {
		this.jdbc.sql("""
				update webhooks_deliveries set status = ?, attempts = ?, next_attempt_at = ?, claimed_until = null,
				last_attempt_at = ?, response_status = ? where id = ?""")
			.params(status, attempts, Timestamps.utc(next), Timestamps.utc(at), responseStatus, id)
			.update();
	}

	/**
	 * Sends a failed delivery again, now, with the same id and body.
	 * @return whether it was failed
	 */
	boolean sendAgain(UUID id, Instant now) {
		return this.jdbc
			.sql("""
					update webhooks_deliveries set status = 'PENDING', next_attempt_at = ? where id = ? and status = 'FAILED'
					""")
			.params(Timestamps.utc(now), id)
			.update() == 1;
	}

	/**
	 * A page of a subscription's deliveries, newest first.
	 */
	List<Delivery> of(UUID subscription, @Nullable UUID before, int limit) {
		return this.jdbc.sql(page(limit))
			.param("s", subscription)
			.param("before", (before != null) ? before : AFTER_EVERY_ID)
			.query(Delivery::map)
			.list();
	}

	/**
	 * A page's statement. H2 reads it along {@code webhooks_deliveries_subscription_ix}
	 * only when the order names the subscription and the condition has a range on the id:
	 * otherwise it took the foreign key's index and sorted all the subscription's
	 * deliveries for every page (as contact listings did: docs/benchmarks.md, "Contacts
	 * API"). A first page's range holds every id.
	 */
	static String page(int limit) {
		return "select " + Delivery.COLUMNS + " from webhooks_deliveries where subscription_id = :s and id < :before"
				+ " order by subscription_id desc, id desc limit " + limit;
	}

	Map<UUID, List<Delivery.Attempt>> attempts(List<UUID> deliveries) {
		if (deliveries.isEmpty()) {
			return Map.of();
		}
		return this.jdbc
			.sql("select delivery_id, attempt, at, response_status, response_excerpt, error, duration_ms "
					+ "from webhooks_attempts where delivery_id in (:ids) order by delivery_id, attempt")
			.param("ids", deliveries)
			.query((rs, n) -> Map.entry(rs.getObject("delivery_id", UUID.class), Delivery.Attempt.map(rs, n)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	int purge(Instant before) {
		return this.jdbc.sql("delete from webhooks_deliveries where created_at < ?")
			.param(Timestamps.utc(before))
			.update();
	}

}
