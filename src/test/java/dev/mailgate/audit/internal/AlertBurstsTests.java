package dev.mailgate.audit.internal;

import java.time.Duration;
import java.time.Instant;

import dev.mailgate.apps.AppId;
import dev.mailgate.platform.MemoryCounters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertBurstsTests {

	private final AlertBursts bursts = new AlertBursts(new MemoryCounters());

	private final AppId app = AppId.random();

	private final Instant start = Instant.parse("2026-03-02T10:00:00Z");

	@Test
	void aBurstStartsAtTheThresholdWithinTheWindowThenCountsEachFurtherFailure() {
		assertThat(fail(0).hits()).isZero();
		assertThat(fail(60).hits()).isZero();
		assertThat(fail(120).hits()).as("three within five minutes").isEqualTo(3);
		assertThat(fail(150).hits()).isEqualTo(1);
		assertThat(fail(150).addresses()).containsExactly("203.0.113.9");
	}

	@Test
	void failuresSpreadWiderThanTheWindowAreNoBurst() {
		for (int minute = 0; minute < 30; minute += 3) {
			assertThat(fail(minute * 60).hits()).isZero();
		}
	}

	@Test
	void aQuietSpellEndsTheBurst() {
		fail(0);
		fail(1);
		assertThat(fail(2).hits()).isEqualTo(3);
		assertThat(fail(1000).hits()).isZero();
		fail(1001);
		assertThat(fail(1002).hits()).as("a new burst counts whole again").isEqualTo(3);
	}

	private AlertBursts.Burst fail(int second) {
		return this.bursts.record(this.app, this.start.plusSeconds(second), "203.0.113.9", 3, Duration.ofMinutes(5))
			.toCompletableFuture()
			.join();
	}

}
