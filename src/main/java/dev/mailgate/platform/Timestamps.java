package dev.mailgate.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Moves instants in and out of {@code timestamp with time zone} columns the same way on
 * H2 and PostgreSQL, whose drivers agree on {@link OffsetDateTime} but not on
 * {@link Instant}; and shows them on pages, to the minute in UTC.
 */
public final class Timestamps {

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private Timestamps() {
	}

	/**
	 * The instant as pages show it: {@code 2026-12-02 06:00 UTC}.
	 */
	public static String minute(Instant instant) {
		return MINUTE.format(instant);
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
