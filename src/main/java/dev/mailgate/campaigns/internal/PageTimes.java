package dev.mailgate.campaigns.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.mailgate.platform.Timestamps;
import org.jspecify.annotations.Nullable;

/**
 * Times as the campaign pages show them ({@code 2026-11-28 21:40 UTC}).
 */
final class PageTimes {

	static final PageTimes UTC = new PageTimes();

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

	private PageTimes() {
	}

	public String minute(@Nullable Instant at) {
		return (at != null) ? Timestamps.minute(at) : "";
	}

	public String day(@Nullable Instant at) {
		return (at != null) ? DAY.format(at) : "";
	}

}
