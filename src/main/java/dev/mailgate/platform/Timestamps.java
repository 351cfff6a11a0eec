package dev.mailgate.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * Moves instants in and out of {@code timestamp with time zone} columns the same way on
 * H2 and PostgreSQL, whose drivers agree on {@link OffsetDateTime} but not on
 * {@link Instant}.
 */
public final class Timestamps {

	private Timestamps() {
	}

	public static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * The instant in the column at that position: for hot paths, where the embedded
	 * database's look-up of a column by name (upper-casing and hashing it on every call)
	 * shows in profiles.
	 */
	public static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
