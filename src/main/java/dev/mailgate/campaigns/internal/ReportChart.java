package dev.mailgate.campaigns.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.web.util.HtmlUtils;

/**
 * The report's timeline, opens and clicks side by side per hour (or per few hours, when
 * there are many), laid out here for inline SVG: the template only places shapes (no
 * script, no inline style).
 *
 * @param empty whether there is nothing to draw (the chart then says so)
 */
record ReportChart(int width, int height, String description, String per, boolean empty, long opens, long clicks,
		List<Bar> bars, List<Tick> ticks, List<AxisLabel> labels) {

	static final int WIDTH = 720;

	static final int HEIGHT = 220;

	static final int LEFT = 44;

	static final int RIGHT = 8;

	static final int TOP = 10;

	static final int BOTTOM = 26;

	/** At most this many bars of each series: more hours are summed into buckets. */
	static final int MOST_BUCKETS = 72;

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	public int plotLeft() {
		return LEFT;
	}

	public int plotRight() {
		return this.width - RIGHT;
	}

	public int plotBottom() {
		return this.height - BOTTOM;
	}

	public String viewBox() {
		return "0 0 " + this.width + " " + this.height;
	}

	static ReportChart timeline(List<Report.Hour> hours) {
		int size = Math.max(1, (hours.size() + MOST_BUCKETS - 1) / MOST_BUCKETS);
		List<Report.Hour> buckets = new ArrayList<>();
		for (int i = 0; i < hours.size(); i += size) {
			long opens = 0;
			long clicks = 0;
			for (Report.Hour hour : hours.subList(i, Math.min(hours.size(), i + size))) {
				opens += hour.opens();
				clicks += hour.clicks();
			}
			buckets.add(new Report.Hour(hours.get(i).hour(), opens, clicks));
		}
		long opens = buckets.stream().mapToLong(Report.Hour::opens).sum();
		long clicks = buckets.stream().mapToLong(Report.Hour::clicks).sum();
		long max = buckets.stream().mapToLong((bucket) -> Math.max(bucket.opens(), bucket.clicks())).max().orElse(0);
		long top = niceTop(max);
		String per = (size == 1) ? "per hour" : "per " + size + " hours";
		double plotWidth = WIDTH - LEFT - RIGHT;
		double plotHeight = HEIGHT - TOP - BOTTOM;
		double slot = plotWidth / Math.max(1, buckets.size());
		double barWidth = Math.max(1, slot * 0.36);
		List<Bar> bars = new ArrayList<>();
		List<AxisLabel> labels = new ArrayList<>();
		int labelEvery = Math.max(1, (buckets.size() + 5) / 6);
		for (int i = 0; i < buckets.size(); i++) {
			Report.Hour bucket = buckets.get(i);
			double x = LEFT + i * slot + (slot - 2 * barWidth) / 2;
			String when = WHEN.format(bucket.hour()) + " UTC";
			bar(bars, x, barWidth, bucket.opens(), top, plotHeight, "fill-indigo",
					when + " · opens: " + bucket.opens());
			bar(bars, x + barWidth, barWidth, bucket.clicks(), top, plotHeight, "fill-teal",
					when + " · clicks: " + bucket.clicks());
			if (i % labelEvery == 0) {
				labels.add(new AxisLabel(number(LEFT + i * slot + slot / 2), WHEN.format(bucket.hour())));
			}
		}
		List<Tick> ticks = new ArrayList<>();
		for (int step = 0; step <= 4; step++) {
			ticks.add(new Tick(number(HEIGHT - BOTTOM - step * plotHeight / 4), String.valueOf(top * step / 4)));
		}
		String description = "Opens and clicks %s since sending: %d opens, %d clicks".formatted(per, opens, clicks);
		return new ReportChart(WIDTH, HEIGHT, description, per, opens + clicks == 0, opens, clicks, bars, ticks,
				labels);
	}

	private static void bar(List<Bar> bars, double x, double width, long value, long top, double plotHeight, String css,
			String tooltip) {
		if (value > 0) {
			double height = value * plotHeight / top;
			bars.add(new Bar(number(x), number(HEIGHT - BOTTOM - height), number(width), number(height), css, tooltip));
		}
	}

	/**
	 * The axis's top: the maximum rounded up to 4 steps of a round number, so that the
	 * gridlines fall on round numbers.
	 */
	static long niceTop(long max) {
		if (max <= 4) {
			return 4;
		}
		double power = Math.pow(10, Math.floor(Math.log10(max / 4.0)));
		for (double factor : new double[] { 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 }) {
			double step = factor * power;
			if (step >= 1 && step == Math.rint(step) && step * 4 >= max) {
				return (long) step * 4;
			}
		}
		return (long) (10 * power) * 4;
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	/**
	 * @param css the class that colours it (mailgate.css)
	 */
	record Bar(String x, String y, String width, String height, String css, String tooltip) {

		/**
		 * The SVG {@code <title>} that browsers show on hover, escaped here: Thymeleaf's
		 * HTML parser would move a {@code <title>} written in the template out of the
		 * bar.
		 */
		public String tooltipElement() {
			return "<title>" + HtmlUtils.htmlEscape(this.tooltip) + "</title>";
		}

	}

	record Tick(String y, String label) {
	}

	record AxisLabel(String x, String label) {
	}

}
