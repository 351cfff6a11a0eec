package dev.mailgate.platform;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsTests {

	@Test
	void idsAreVersion7WithTheirCreationTimeFirstSoTheySortByIt() {
		Instant at = Instant.parse("2026-11-28T09:30:00.123Z");

		UUID first = TimeOrderedIds.next(at);
		UUID later = TimeOrderedIds.next(at.plusMillis(1));

		// RFC 9562 §5.7: version 7, variant 10, unix milliseconds in the first 48 bits
		assertThat(first.version()).isEqualTo(7);
		assertThat(first.variant()).isEqualTo(2);
		assertThat(first.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
		assertThat(Long.compareUnsigned(first.getMostSignificantBits(), later.getMostSignificantBits())).isNegative();
		assertThat(TimeOrderedIds.next(at)).isNotEqualTo(first);
	}

}
