package dev.mailgate.integrations.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.mailgate.contacts.ListId;
import org.jspecify.annotations.Nullable;

/**
 * How a connection's contacts come in.
 *
 * @param mapping provider field to Mailgate field ({@code email}, {@code first_name},
 * {@code last_name}, {@code tags}) or a custom field's key; unmapped fields are ignored
 * @param list a list imported contacts are added to
 * @param watermark when the last successful run started: the next run asks for changes
 * since then
 * @param nextRunAt when the schedule starts the next run
 */
record SyncSettings(Map<String, String> mapping, @Nullable ListId list, Schedule schedule, @Nullable Instant watermark,
		@Nullable Instant nextRunAt) {

	/**
	 * How often a sync starts by itself.
	 */
	enum Schedule {

		OFF(null), HOURLY(Duration.ofHours(1)), DAILY(Duration.ofDays(1));

		private final @Nullable Duration every;

		Schedule(@Nullable Duration every) {
			this.every = every;
		}

		String value() {
			return name().toLowerCase(Locale.ROOT);
		}

		@Nullable Instant next(Instant from) {
			return (this.every != null) ? from.plus(this.every) : null;
		}

		static Optional<Schedule> parse(@Nullable String value) {
			return Arrays.stream(values()).filter((schedule) -> schedule.value().equals(value)).findFirst();
		}

	}

}
