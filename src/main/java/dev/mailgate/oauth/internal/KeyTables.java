package dev.mailgate.oauth.internal;

import java.time.Instant;

import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the two key tables, {@code oauth_signing_keys} ({@link SigningKeys}) and
 * {@code oauth_token_keys} ({@link TokenMacKeys}), do alike.
 */
final class KeyTables {

	private KeyTables() {
	}

	/**
	 * Retires the key that signs, or only one made before the given time: of nodes that
	 * ask at once with a time, one finds such a key ({@link KeyRotation}).
	 * @param table one of the two tables
	 * @return how many keys were retired
	 */
	static int retire(JdbcClient jdbc, String table, Instant now, @Nullable Instant madeBefore) {
		String sql = "update " + table + " set retired_at = ? where retired_at is null";
		if (madeBefore == null) {
			return jdbc.sql(sql).param(Timestamps.utc(now)).update();
		}
		return jdbc.sql(sql + " and created_at < ?").params(Timestamps.utc(now), Timestamps.utc(madeBefore)).update();
	}

}
