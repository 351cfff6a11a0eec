package dev.mailgate.audit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

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

	@Test
	void addsThatRaceADrainOfTheirMinuteAreCountedByTheNextDrain() throws Exception {
		AuditMinuteCounts<String> counts = new AuditMinuteCounts<>(100);
		Instant ended = MINUTE.plusSeconds(61);
		List<AuditMinuteCounts.Count<String>> written = new ArrayList<>();
		AtomicBoolean adding = new AtomicBoolean(true);
		ExecutorService threads = Executors.newFixedThreadPool(3);
		try {
			List<Future<?>> adders = new ArrayList<>();
			for (int thread = 0; thread < 2; thread++) {
				adders.add(threads.submit(() -> {
					for (int i = 0; i < 200_000; i++) {
						counts.add("busy", MINUTE);
					}
				}));
			}
			Future<?> drainer = threads.submit(() -> {
				while (adding.get()) {
					written.addAll(counts.drain(ended));
				}
			});
			for (Future<?> adder : adders) {
				adder.get();
			}
			adding.set(false);
			drainer.get();
		}
		finally {
			threads.shutdown();
		}
		written.addAll(counts.drain(null));

		assertThat(written).allSatisfy((count) -> assertThat(count.minute()).isEqualTo(MINUTE));
		assertThat(written.stream().mapToLong(AuditMinuteCounts.Count::count).sum()).isEqualTo(400_000);
	}

}
