package dev.mailgate.platform;

import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The API's cursor pagination parameters as the request gave them: {@code limit} (a whole
 * number in a range, with a default when absent) and a {@code cursor} that is a
 * time-ordered id. A bad value throws the caller's own exception, so each API answers
 * with its own problem naming the parameter.
 */
public final class PageParameters {

	private PageParameters() {
	}

	/**
	 * @param fallback the limit when the parameter is absent or blank
	 * @param most the largest limit allowed (the smallest is 1)
	 * @param invalid what to throw when it is not a whole number from 1 to {@code most}
	 */
	public static int limit(@Nullable String limit, int fallback, int most,
			Supplier<? extends RuntimeException> invalid) {
		if (limit == null || limit.isBlank()) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(limit.strip());
			if (value >= 1 && value <= most) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// thrown below
		}
		throw invalid.get();
	}

	/**
	 * @return the id a {@code next_cursor} carried, or {@code null} for the first page
	 * @param invalid what to throw when it is not one
	 */
	public static @Nullable UUID uuidCursor(@Nullable String cursor, Supplier<? extends RuntimeException> invalid) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(cursor.strip());
		}
		catch (IllegalArgumentException ex) {
			throw invalid.get();
		}
	}

}
