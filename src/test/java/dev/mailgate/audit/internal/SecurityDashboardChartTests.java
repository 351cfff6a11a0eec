package dev.mailgate.audit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.mailgate.audit.internal.SecurityDashboardChart.Series;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class SecurityDashboardChartTests {

	@Test
	void axisEndsOnARoundNumberAboveTheHighestBar() {
		assertThat(SecurityDashboardChart.niceTop(0)).isEqualTo(4);
		assertThat(SecurityDashboardChart.niceTop(3)).isEqualTo(4);
		assertThat(SecurityDashboardChart.niceTop(5)).isEqualTo(8);
		assertThat(SecurityDashboardChart.niceTop(15)).isEqualTo(16);
		assertThat(SecurityDashboardChart.niceTop(37)).isEqualTo(40);
		assertThat(SecurityDashboardChart.niceTop(120)).isEqualTo(120);
		assertThat(SecurityDashboardChart.niceTop(121)).isEqualTo(160);
		assertThat(SecurityDashboardChart.niceTop(9_999)).isEqualTo(10_000);
	}

	@Test
	void barsStackFromTheAxisUpAndTheTallestReachesItsValue() {
		List<Instant> buckets = buckets();
		long[] first = new long[60];
		long[] second = new long[60];
		first[59] = 6;
		second[59] = 2;

		SecurityDashboardChart chart = SecurityDashboardChart.stacked("tokens", "Tokens issued", "None", 480, 220,
				SecurityDashboardRange.HOUR, buckets,
				List.of(new Series("Client credentials", "fill-teal", first, false),
						new Series("Refresh", "fill-sky", second, false),
						new Series("Other", "fill-slate", new long[60], true)));

		assertThat(chart.empty()).isFalse();
		assertThat(chart.total()).isEqualTo("8");
		assertThat(chart.bars()).hasSize(2);
		double bottom = Double.parseDouble(chart.bars().get(0).y()) + Double.parseDouble(chart.bars().get(0).height());
		assertThat(bottom).isEqualTo(chart.plotBottom(), offset(0.1));
		assertThat(Double.parseDouble(chart.bars().get(1).y()) + Double.parseDouble(chart.bars().get(1).height()))
			.isEqualTo(Double.parseDouble(chart.bars().get(0).y()), offset(0.1));
		assertThat(chart.ticks()).extracting(SecurityDashboardChart.Tick::label)
			.containsExactly("0", "2", "4", "6", "8");
		assertThat(chart.bars().get(0).tooltip()).isEqualTo("10:17 UTC · Client credentials: 6");
		assertThat(chart.legend()).extracting(SecurityDashboardChart.Legend::name)
			.as("an optional series with nothing stays out of the legend")
			.containsExactly("Client credentials", "Refresh");
		assertThat(chart.labels()).extracting(SecurityDashboardChart.AxisLabel::label)
			.containsExactly("09:20", "09:30", "09:40", "09:50", "10:00", "10:10");
	}

	@Test
	void anEmptyChartSaysSo() {
		SecurityDashboardChart chart = SecurityDashboardChart.stacked("failures", "Failed authentications",
				"No failed authentication in the last hour", 480, 220, SecurityDashboardRange.HOUR, buckets(),
				List.of(new Series("Sign-in", "fill-amber", new long[60], false)));

		assertThat(chart.empty()).isTrue();
		assertThat(chart.bars()).isEmpty();
		assertThat(chart.description()).isEqualTo("Failed authentications per minute, last hour: 0 in all");
	}

	@Test
	void tooltipsAreEscapedForTheSvgTitle() {
		SecurityDashboardChart.Bar bar = new SecurityDashboardChart.Bar("0", "0", "1", "1", "fill-red", "<b> & co");

		assertThat(bar.tooltipElement()).isEqualTo("<title>&lt;b&gt; &amp; co</title>");
	}

	private static List<Instant> buckets() {
		Instant start = SecurityDashboardRange.HOUR.start(Instant.parse("2026-03-02T10:17:30Z"));
		List<Instant> buckets = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			buckets.add(start.plusSeconds(60L * i));
		}
		return buckets;
	}

}
