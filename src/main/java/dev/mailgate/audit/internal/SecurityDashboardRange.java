package dev.mailgate.audit.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * The two periods the dashboard charts: the last hour by minute, the last day by hour.
 */
enum SecurityDashboardRange {

	HOUR("hour", "Last hour", "per minute", 60, Duration.ofMinutes(1), 10),

	DAY("day", "Last 24 hours", "per hour", 24, Duration.ofHours(1), 3);

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

	private final String param;

	private final String label;

	private final String per;

	private final int buckets;

	private final Duration bucket;

	private final int labelEvery;

	SecurityDashboardRange(String param, String label, String per, int buckets, Duration bucket, int labelEvery) {
		this.param = param;
		this.label = label;
		this.per = per;
		this.buckets = buckets;
		this.bucket = bucket;
		this.labelEvery = labelEvery;
	}

	/**
	 * The range a query parameter names; the last hour for anything else.
	 */
	static SecurityDashboardRange of(String param) {
		return DAY.param.equals(param) ? DAY : HOUR;
	}

	public String param() {
		return this.param;
	}

	public String label() {
		return this.label;
	}

	/**
	 * "per minute" or "per hour", for chart descriptions.
	 */
	public String per() {
		return this.per;
	}

	int buckets() {
		return this.buckets;
	}

	long bucketSeconds() {
		return this.bucket.toSeconds();
	}

	/**
	 * The start of the first bucket: the current minute or hour is the last one.
	 */
	Instant start(Instant now) {
		long seconds = bucketSeconds();
		long current = Math.floorDiv(now.getEpochSecond(), seconds);
		return Instant.ofEpochSecond((current - this.buckets + 1) * seconds);
	}

	/**
	 * The time under a bucket on the chart's axis, for every few buckets ({@code null}
	 * for the others).
	 */
	@Nullable String axisLabel(Instant bucketStart) {
		long index = bucketStart.getEpochSecond() / bucketSeconds();
		return (index % this.labelEvery == 0) ? CLOCK.format(bucketStart) : null;
	}

	String clock(Instant instant) {
		return CLOCK.format(instant);
	}

}
