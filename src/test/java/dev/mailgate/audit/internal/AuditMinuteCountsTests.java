package dev.mailgate.audit.internal;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditMinuteCountsTests {

	static final Instant MINUTE = Instant.parse("2026-11-28T10:15:00Z");

	@Test
	void countsPerKeyAndMinuteAndDrainsOnlyEndedMinutes() {
		AuditMinuteCounts<String> counts = new AuditMinuteCounts<>(100);
		counts.add("a", MINUTE);
		counts.add("a", MINUTE.plusSeconds(59));
		counts.add("b", MINUTE.plusSeconds(30));
		counts.add("a", MINUTE.plusSeconds(60));

		assertThat(counts.drain(MINUTE.plusSeconds(61))).containsExactlyInAnyOrder(
				new AuditMinuteCounts.Count<>("a", MINUTE, 2), new AuditMinuteCounts.Count<>("b", MINUTE, 1));
		assertThat(counts.drain(MINUTE.plusSeconds(61))).isEmpty();
		assertThat(counts.drain(null)).containsExactly(new AuditMinuteCounts.Count<>("a", MINUTE.plusSeconds(60), 1));
	}

	@Test
	void beyondTheMostKeysEventsCountUnderTheOverflowKey() {
		AuditMinuteCounts<String> counts = new AuditMinuteCounts<>(2);
		counts.add("10.0.0.1", "many", MINUTE);
		counts.add("10.0.0.2", "many", MINUTE);
		counts.add("10.0.0.3", "many", MINUTE);
		counts.add("10.0.0.4", "many", MINUTE);
		counts.add("10.0.0.1", "many", MINUTE);

		assertThat(counts.drain(null)).containsExactlyInAnyOrder(new AuditMinuteCounts.Count<>("10.0.0.1", MINUTE, 2),
				new AuditMinuteCounts.Count<>("10.0.0.2", MINUTE, 1), new AuditMinuteCounts.Count<>("many", MINUTE, 2));
	}

}
