package dev.mailgate.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls for an answer with a deadline, for what another thread or node does a moment
 * later: never sleep and hope.
 */
public final class Eventually {

	private static final Duration WITHIN = Duration.ofSeconds(5);

	private Eventually() {
	}

	/**
	 * Asks every 10 ms until the answer is done or 5 seconds have passed.
	 * @return the last answer, done or not (for the test to assert on)
	 */
	public static <T> T until(Supplier<T> answer, Predicate<T> done) {
		long deadline = System.nanoTime() + WITHIN.toNanos();
		T current = answer.get();
		while (!done.test(current) && System.nanoTime() - deadline < 0) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			current = answer.get();
		}
		return current;
	}

}
