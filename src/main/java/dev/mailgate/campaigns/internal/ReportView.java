package dev.mailgate.campaigns.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The report page's model: the report, its figures as people read them, and its charts.
 *
 * @param sent when the campaign was sent, or what it is doing instead
 */
record ReportView(Report report, String sent, List<Stat> stats, List<Step> funnel, List<Link> links,
		ReportChart timeline) {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	static ReportView of(Report report) {
		Report.Counts counts = report.counts();
		Report.Rates rates = report.rates();
		String sent = (report.campaign().sentAt() != null) ? "Sent " + WHEN.format(report.campaign().sentAt())
				: "Not sent yet (" + report.campaign().status() + ")";
		List<Stat> stats = List.of(
				new Stat("delivered", "Delivered", grouped(counts.delivered()),
						"of " + grouped(counts.sent()) + " sent"),
				new Stat("open-rate", "Open rate", percent(rates.openRate()),
						grouped(counts.uniqueOpens()) + " opened · " + grouped(counts.opens()) + " opens"),
				new Stat("click-rate", "Click rate", percent(rates.clickRate()),
						grouped(counts.uniqueClicks()) + " clicked · " + grouped(counts.clicks()) + " clicks"),
				new Stat("click-to-open", "Click-to-open", percent(rates.clickToOpenRate()), "clicked of opened"),
				new Stat("bounce-rate", "Bounce rate", percent(rates.bounceRate()),
						grouped(counts.bounced()) + " bounced"),
				new Stat("unsubscribe-rate", "Unsubscribe rate", percent(rates.unsubscribeRate()),
						grouped(counts.unsubscribed()) + " unsubscribed · " + grouped(counts.complained())
								+ " complaints"));
		long whole = Math.max(1, counts.sent());
		List<Step> funnel = List.of(step("Sent", counts.sent(), whole, "fill-slate"),
				step("Delivered", counts.delivered(), whole, "fill-sky"),
				step("Opened", counts.uniqueOpens(), whole, "fill-indigo"),
				step("Clicked", counts.uniqueClicks(), whole, "fill-teal"),
				step("Unsubscribed", counts.unsubscribed(), whole, "fill-amber"),
				step("Bounced", counts.bounced(), whole, "fill-red"));
		long most = report.topLinks().stream().mapToLong(Report.TopLink::clicks).max().orElse(1);
		List<Link> links = report.topLinks()
			.stream()
			.map((link) -> new Link(link.url(), grouped(link.clicks()), grouped(link.uniqueClickers()),
					share(link.clicks(), most)))
			.toList();
		return new ReportView(report, sent, stats, funnel, links, ReportChart.timeline(report.timeline()));
	}

	public boolean nothingSent() {
		return this.report.counts().sent() == 0;
	}

	private static Step step(String label, long value, long whole, String css) {
		return new Step(label, grouped(value), percent((double) value / whole), share(value, whole), css);
	}

	static String percent(@Nullable Double rate) {
		if (rate == null) {
			return "—";
		}
		return String.format(Locale.ENGLISH, "%.1f %%", rate * 100);
	}

	static String grouped(long value) {
		return String.format(Locale.ENGLISH, "%,d", value);
	}

	private static String share(long value, long whole) {
		return String.format(Locale.ROOT, "%.1f", (whole > 0) ? Math.min(100.0, 100.0 * value / whole) : 0.0);
	}

	/**
	 * @param id the tile's name for tests and styles
	 */
	record Stat(String id, String label, String value, String hint) {
	}

	/**
	 * @param width the bar's length out of 100
	 */
	record Step(String label, String value, String percent, String width, String css) {
	}

	record Link(String url, String clicks, String clickers, String width) {
	}

}
