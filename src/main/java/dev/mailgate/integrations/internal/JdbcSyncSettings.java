package dev.mailgate.integrations.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.mailgate.contacts.ListId;
import dev.mailgate.integrations.ConnectionId;
import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Connections' sync settings in {@code integrations_sync_settings}; a connection without
 * a row syncs with its source's default mapping, on demand only.
 */
@Repository
class JdbcSyncSettings {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	JdbcSyncSettings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<SyncSettings> find(ConnectionId connection) {
		return this.jdbc
			.sql("select mapping, list_id, schedule, watermark, next_run_at from integrations_sync_settings "
					+ "where connection_id = ?")
			.param(connection.value())
			.query((rs, row) -> {
				UUID list = rs.getObject("list_id", UUID.class);
				return new SyncSettings(mapping(rs.getString("mapping")), (list != null) ? new ListId(list) : null,
						SyncSettings.Schedule.parse(rs.getString("schedule")).orElse(SyncSettings.Schedule.OFF),
						Timestamps.instant(rs, "watermark"), Timestamps.instant(rs, "next_run_at"));
			})
			.optional();
	}

	/**
	 * Saves what a person chose; the watermark stays.
	 */
	void save(ConnectionId connection, Map<String, String> mapping, @Nullable ListId list,
			SyncSettings.Schedule schedule, Instant now) {
		Object[] values = { JSON.writeValueAsString(mapping), (list != null) ? list.value() : null, schedule.value(),
				Timestamps.utc(schedule.next(now)), Timestamps.utc(now), connection.value() };
		int updated = this.jdbc
			.sql("update integrations_sync_settings set mapping = ?, list_id = ?, schedule = ?, "
					+ "next_run_at = ?, updated_at = ? where connection_id = ?")
			.params(values)
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("insert into integrations_sync_settings (mapping, list_id, schedule, next_run_at, "
						+ "updated_at, connection_id) values (?, ?, ?, ?, ?, ?)")
				.params(values)
				.update();
		}
	}

	/**
	 * A run succeeded: the next one asks for changes since {@code watermark}.
	 */
	void succeeded(ConnectionId connection, Instant watermark, Instant now) {
		int updated = this.jdbc
			.sql("update integrations_sync_settings set watermark = ?, updated_at = ? where connection_id = ?")
			.params(Timestamps.utc(watermark), Timestamps.utc(now), connection.value())
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("insert into integrations_sync_settings (connection_id, mapping, schedule, watermark, "
						+ "updated_at) values (?, '{}', 'off', ?, ?)")
				.params(connection.value(), Timestamps.utc(watermark), Timestamps.utc(now))
				.update();
		}
	}

	List<ConnectionId> scheduleDue(Instant now) {
		return this.jdbc
			.sql("select connection_id from integrations_sync_settings where next_run_at <= ? order by next_run_at")
			.param(Timestamps.utc(now))
			.query((rs, row) -> new ConnectionId(rs.getObject(1, UUID.class)))
			.list();
	}

	/**
	 * Moves the schedule on if it is still due: of all nodes trying, one wins and starts
	 * the run.
	 */
	boolean claimScheduled(ConnectionId connection, Instant now) {
		return this.jdbc.sql("""
				update integrations_sync_settings set next_run_at = case schedule when 'hourly' then ? when 'daily'
				then ? else null end where connection_id = ? and next_run_at <= ?""")
			.params(Timestamps.utc(SyncSettings.Schedule.HOURLY.next(now)),
					Timestamps.utc(SyncSettings.Schedule.DAILY.next(now)), connection.value(), Timestamps.utc(now))
			.update() == 1;
	}

	private static Map<String, String> mapping(String json) {
		return new LinkedHashMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() {
		}));
	}

}
