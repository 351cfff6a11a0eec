package dev.mailgate.platform;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * The random numbers of credentials and ids, from 16 DRBGs (NIST SP 800-90A Hash_DRBG,
 * each seeded from the system's entropy on its own) that the request threads share by
 * thread id. Java's default {@code SecureRandom} on Linux (NativePRNG) sends every call
 * in the JVM through one synchronized generator: under load every token, code and id
 * waited there, tens of milliseconds whenever the thread that held it lost its core
 * (docs/benchmarks.md, "The token endpoint's tail").
 */
public final class SecureRandoms {

	private static final SecureRandom[] STRIPES = new SecureRandom[16];

	static {
		for (int i = 0; i < STRIPES.length; i++) {
			try {
				STRIPES[i] = SecureRandom.getInstance("DRBG");
			}
			catch (NoSuchAlgorithmException ex) {
				STRIPES[i] = new SecureRandom();
			}
		}
	}

	private SecureRandoms() {
	}

	/**
	 * The generator for the calling thread: the same one each time on a platform thread.
	 */
	public static SecureRandom current() {
		return STRIPES[(int) (Thread.currentThread().getId() & (STRIPES.length - 1))];
	}

	/**
	 * A random (version 4) UUID, as {@link UUID#randomUUID()} makes it, without its one
	 * shared generator.
	 */
	public static UUID uuid() {
		byte[] bits = new byte[16];
		current().nextBytes(bits);
		bits[6] = (byte) ((bits[6] & 0x0f) | 0x40);
		bits[8] = (byte) ((bits[8] & 0x3f) | 0x80);
		long high = 0;
		long low = 0;
		for (int i = 0; i < 8; i++) {
			high = (high << 8) | (bits[i] & 0xff);
			low = (low << 8) | (bits[i + 8] & 0xff);
		}
		return new UUID(high, low);
	}

}
