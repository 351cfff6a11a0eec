package dev.mailgate.audit.internal;

import java.util.HashMap;
import java.util.Map;

import dev.mailgate.audit.internal.AlertTokenRates.Minute;
import dev.mailgate.audit.internal.AlertTokenRates.Step;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One app's count in a minute: the baseline is read once when it first passes the floor,
 * and one hit is raised when it passes the minute's limit.
 */
class AlertTokenRatesTests {

	private final Minute minute = new Minute();

	private final Map<Long, Long> counts = new HashMap<>();

	@Test
	void belowTheFloorNothingHappens() {
		for (int i = 0; i < 5; i++) {
			assertThat(token(1000, 5)).isEqualTo(Step.NOTHING);
		}
	}

	@Test
	void passingTheFloorReadsTheBaselineOnceThenCrossingTheLimitRaisesOnce() {
		count(5);
		assertThat(token(1000, 5)).isEqualTo(Step.READ_BASELINE);
		assertThat(token(1000, 5)).as("the baseline is being read").isEqualTo(Step.NOTHING);
		assertThat(this.minute.limitKnown(1000, 30, 3.0)).as("7 tokens, limit 30").isFalse();
		count(23);
		assertThat(token(1000, 5)).isEqualTo(Step.RAISE);
		assertThat(token(1000, 5)).as("once a minute").isEqualTo(Step.NOTHING);
	}

	@Test
	void aBaselineThatComesBackBelowTheCountRaisesAtOnce() {
		count(5);
		assertThat(token(1000, 5)).isEqualTo(Step.READ_BASELINE);
		count(3);
		assertThat(this.minute.limitKnown(1000, 5, 0)).isTrue();
		assertThat(token(1000, 5)).isEqualTo(Step.NOTHING);
	}

	@Test
	void aNewMinuteStartsAfreshAndReadsTheBaselineAgain() {
		count(5);
		assertThat(token(1000, 5)).isEqualTo(Step.READ_BASELINE);
		assertThat(this.minute.limitKnown(1000, 5, 0)).isTrue();
		for (int i = 0; i < 5; i++) {
			assertThat(token(1001, 5)).isEqualTo(Step.NOTHING);
		}
		assertThat(token(1001, 5)).isEqualTo(Step.READ_BASELINE);
		assertThat(this.minute.limitKnown(1000, 5, 0)).as("an answer for a minute that is over").isFalse();
		assertThat(token(999, 5)).as("a late token of an earlier minute").isEqualTo(Step.NOTHING);
	}

	private void count(int tokens) {
		for (int i = 0; i < tokens; i++) {
			token(1000, 5);
		}
	}

	/**
	 * One more token of the minute, counted as the shared counter would count it.
	 */
	private Step token(long epochMinute, int floor) {
		long count = this.counts.merge(epochMinute, 1L, Long::sum);
		return this.minute.count(epochMinute, count, floor);
	}

}
