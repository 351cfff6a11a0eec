package dev.mailgate.webhooks.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.accounts.WorkspaceId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Subscriptions in {@code webhooks_subscriptions}.
 */
@Repository
class JdbcSubscriptions {

	private static final String SELECT = "select " + Subscription.COLUMNS + " from webhooks_subscriptions ";

	private final JdbcClient jdbc;

	JdbcSubscriptions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Subscription s) {
		this.jdbc.sql("""
				insert into webhooks_subscriptions (id, workspace_id, client_id, url, description, events, enabled,
				secret, secret_prefix, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(s.id(), s.workspace().value(), s.clientId(), s.url(), s.description(), String.join(",", s.events()),
					s.enabled(), s.secret(), s.secretPrefix(), Timestamps.utc(s.createdAt()),
					Timestamps.utc(s.updatedAt()))
			.update();
	}

	Optional<Subscription> find(UUID id) {
		return this.jdbc.sql(SELECT + "where id = ?").param(id).query(Subscription::map).optional();
	}

	List<Subscription> of(WorkspaceId workspace, String clientId) {
		return this.jdbc.sql(SELECT + "where workspace_id = ? and client_id = ? order by created_at, id")
			.params(workspace.value(), clientId)
			.query(Subscription::map)
			.list();
	}

	List<Subscription> ofClient(String clientId) {
		return this.jdbc.sql(SELECT + "where client_id = ? order by created_at, id")
			.param(clientId)
			.query(Subscription::map)
			.list();
	}

	List<Subscription> enabledIn(WorkspaceId workspace) {
		return this.jdbc.sql(SELECT + "where workspace_id = ? and enabled = true")
			.param(workspace.value())
			.query(Subscription::map)
			.list();
	}

	int count(WorkspaceId workspace, String clientId) {
		return this.jdbc.sql("select count(*) from webhooks_subscriptions where workspace_id = ? and client_id = ?")
			.params(workspace.value(), clientId)
			.query(Integer.class)
			.single();
	}

	void update(UUID id, String url, List<String> events, String description, boolean enabled,
			@Nullable String disabledReason, boolean resetFailures, Instant now) {
		this.jdbc
			.sql("""
					update webhooks_subscriptions set url = ?, events = ?, description = ?, enabled = ?, disabled_reason = ?,
					consecutive_failures = case when ? then 0 else consecutive_failures end, updated_at = ? where id = ?""")
			.params(url, String.join(",", events), description, enabled, disabledReason, resetFailures,
					Timestamps.utc(now), id)
			.update();
	}

	void rotate(UUID id, String secret, String prefix, String previous, Instant previousUntil, Instant now) {
		this.jdbc.sql("""
				update webhooks_subscriptions set secret = ?, secret_prefix = ?, previous_secret = ?,
				previous_secret_until = ?, updated_at = ? where id = ?""")
			.params(secret, prefix, previous, Timestamps.utc(previousUntil), Timestamps.utc(now), id)
			.update();
	}

	boolean delete(UUID id) {
		return this.jdbc.sql("delete from webhooks_subscriptions where id = ?").param(id).update() > 0;
	}

	/**
	 * @return whether there were any
	 */
	boolean deleteOf(WorkspaceId workspace, String clientId) {
		return this.jdbc.sql("delete from webhooks_subscriptions where workspace_id = ? and client_id = ?")
			.params(workspace.value(), clientId)
			.update() > 0;
	}

	List<WorkspaceId> deleteOfClient(String clientId) {
		List<WorkspaceId> workspaces = this.jdbc
			.sql("select distinct workspace_id from webhooks_subscriptions where client_id = ?")
			.param(clientId)
			.query((rs, n) -> new WorkspaceId(rs.getObject(1, UUID.class)))
			.list();
		this.jdbc.sql("delete from webhooks_subscriptions where client_id = ?").param(clientId).update();
		return workspaces;
	}

	/**
	 * Counts a failed delivery.
	 * @return the consecutive failures now
	 */
	int failed(UUID id) {
		this.jdbc.sql("update webhooks_subscriptions set consecutive_failures = consecutive_failures + 1 where id = ?")
			.param(id)
			.update();
		return this.jdbc.sql("select consecutive_failures from webhooks_subscriptions where id = ?")
			.param(id)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	void succeeded(UUID id) {
		this.jdbc
			.sql("update webhooks_subscriptions set consecutive_failures = 0 where id = ? and consecutive_failures > 0")
			.param(id)
			.update();
	}

	/**
	 * Disables the subscription unless it is disabled already.
	 * @return whether this call disabled it
	 */
	boolean disable(UUID id, String reason, Instant now) {
		return this.jdbc.sql("""
				update webhooks_subscriptions set enabled = false, disabled_reason = ?, updated_at = ?
				where id = ? and enabled = true""").params(reason, Timestamps.utc(now), id).update() > 0;
	}

}
