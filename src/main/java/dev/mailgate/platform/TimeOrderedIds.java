package dev.mailgate.platform;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562 §5.7): the creation time in milliseconds, then 74 random
 * bits. Rows keyed by them are inserted at the end of their index instead of all over it,
 * so bulk inserts touch a few index pages rather than a few per row (the contacts batch
 * got several times faster on H2 with them, docs/benchmarks.md).
 */
public final class TimeOrderedIds {

	private TimeOrderedIds() {
	}

	/**
	 * A new id for something created at this instant.
	 */
	public static UUID next(Instant createdAt) {
		long millis = createdAt.toEpochMilli();
		SecureRandom randoms = SecureRandoms.current();
		long random = randoms.nextLong();
		long high = (millis << 16) | 0x7000L | ((random >>> 52) & 0x0FFFL);
		long low = (randoms.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low);
	}

}
