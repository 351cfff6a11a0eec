package dev.mailgate.audit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.web.util.HtmlUtils;

/**
 * A stacked bar chart, laid out on the server for inline SVG: every coordinate is worked
 * out here, so the template only places shapes (no script, no inline style).
 *
 * @param width the SVG's width in its own units
 * @param height the SVG's height in its own units
 * @param description what the chart shows, for screen readers
 * @param empty whether every bar is zero (the chart then says so)
 */
record SecurityDashboardChart(String id, String title, String description, int width, int height, String total,
		boolean empty, String emptyText, List<Legend> legend, List<Bar> bars, List<Tick> ticks,
		List<AxisLabel> labels) {

	static final int LEFT = 44;

	static final int RIGHT = 8;

	static final int TOP = 10;

	static final int BOTTOM = 26;

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

	/**
	 * Lays the chart out.
	 * @param buckets the start of every bucket, oldest first
	 * @param series the stacked series, bottom first, each with one value per bucket
	 */
	static SecurityDashboardChart stacked(String id, String title, String emptyText, int width, int height,
			SecurityDashboardRange range, List<Instant> buckets, List<Series> series) {
		long[] totals = new long[buckets.size()];
		series.forEach((one) -> {
			for (int i = 0; i < totals.length; i++) {
				totals[i] += one.values()[i];
			}
		});
		long sum = Arrays.stream(totals).sum();
		long top = niceTop(Arrays.stream(totals).max().orElse(0));
		double plotWidth = width - LEFT - RIGHT;
		double plotHeight = height - TOP - BOTTOM;
		double slot = plotWidth / buckets.size();
		double barWidth = Math.max(1, slot * 0.72);
		List<Bar> bars = new ArrayList<>();
		List<AxisLabel> labels = new ArrayList<>();
		for (int i = 0; i < buckets.size(); i++) {
			double x = LEFT + i * slot + (slot - barWidth) / 2;
			double base = height - BOTTOM;
			String when = range.clock(buckets.get(i)) + " UTC";
			for (Series one : series) {
				long value = one.values()[i];
				if (value > 0) {
					double barHeight = value * plotHeight / top;
					base -= barHeight;
					bars.add(new Bar(number(x), number(base), number(barWidth), number(barHeight), one.css(),
							when + " · " + one.name() + ": " + grouped(value)));
				}
			}
			String label = range.axisLabel(buckets.get(i));
			if (label != null) {
				labels.add(new AxisLabel(number(LEFT + i * slot + slot / 2), label));
			}
		}
		List<Tick> ticks = new ArrayList<>();
		for (int step = 0; step <= 4; step++) {
			ticks.add(new Tick(number(height - BOTTOM - step * plotHeight / 4), compact(top * step / 4)));
		}
		List<Legend> legend = series.stream()
			.filter((one) -> !one.optional() || one.sum() > 0)
			.map((one) -> new Legend(one.name(), one.css(), grouped(one.sum())))
			.toList();
		String description = "%s %s, %s: %s in all".formatted(title, range.per(),
				range.label().toLowerCase(Locale.ROOT), grouped(sum));
		return new SecurityDashboardChart(id, title, description, width, height, grouped(sum), sum == 0, emptyText,
				legend, bars, ticks, labels);
	}

	/**
	 * The axis's top: the maximum rounded up to 4 steps of a round number (1, 1.5, 2,
	 * 2.5, 3, 4, 5, 6 or 8 times a power of ten), so that the gridlines fall on round
	 * numbers.
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

	static String grouped(long value) {
		return String.format(Locale.ENGLISH, "%,d", value);
	}

	static String compact(long value) {
		if (value >= 1_000_000) {
			return trim(value / 1_000_000.0) + "M";
		}
		if (value >= 10_000) {
			return trim(value / 1_000.0) + "k";
		}
		return grouped(value);
	}

	private static String trim(double value) {
		String text = String.format(Locale.ROOT, "%.1f", value);
		return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	/**
	 * @param css the class that colours it (mailgate.css)
	 * @param optional whether it is left out of the legend when it has nothing
	 */
	record Series(String name, String css, long[] values, boolean optional) {

		long sum() {
			return Arrays.stream(this.values).sum();
		}

	}

	record Legend(String name, String css, String total) {
	}

	/**
	 * @param tooltip the bucket's time, series and value, shown on hover
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
