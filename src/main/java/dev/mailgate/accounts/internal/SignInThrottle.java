package dev.mailgate.accounts.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.mailgate.platform.SharedCounters;
import dev.mailgate.platform.SharedCountersDown;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Slows down guessing: counts failed sign-ins per account and per IP address and, past a
 * threshold, makes each next attempt wait twice as long as the one before.
 *
 * <p>
 * The failures are {@link SharedCounters} lists of failure times, so that with several
 * nodes an attacker meets one threshold, not one per node. A list keeps just enough times
 * for the longest wait (the count past the threshold doubles the wait at most 20 times);
 * the newest is when the wait starts.
 */
@Component
class SignInThrottle {

	private static final String BY_ACCOUNT = "sign-in:account:";

	private static final String BY_ADDRESS = "sign-in:address:";

	/** The longest email address there is (RFC 5321); longer input is cut. */
	private static final int LONGEST_EMAIL = 320;

	private static final int DOUBLINGS = 20;

	private final AccountsProperties.SignIn settings;

	private final Clock clock;

	private final SharedCounters counters;

	SignInThrottle(AccountsProperties properties, Clock clock, SharedCounters counters) {
		this.settings = properties.signIn();
		this.clock = clock;
		this.counters = counters;
	}

	/**
	 * How long a sign-in for this account from this address must still wait, if at all.
	 * While the shared counts cannot be read and Mailgate fails closed, every attempt
	 * waits.
	 */
	Optional<Duration> waitFor(@Nullable String email, String address) {
		List<List<String>> failures;
		try {
			failures = this.counters.latest(List.of(BY_ACCOUNT + key(email), BY_ADDRESS + address));
		}
		catch (SharedCountersDown ex) {
			return Optional.of(ex.retryAfter());
		}
		Instant now = this.clock.instant();
		Duration account = remaining(failures.get(0), this.settings.accountFailures(), now);
		Duration ip = remaining(failures.get(1), this.settings.ipFailures(), now);
		Duration longest = (account.compareTo(ip) >= 0) ? account : ip;
		return (!longest.isNegative() && !longest.isZero()) ? Optional.of(longest) : Optional.empty();
	}

	/**
	 * Counts a failure without waiting for the shared store: the answer to this attempt
	 * does not depend on it.
	 */
	void failed(@Nullable String email, String address) {
		String now = Long.toString(this.clock.millis());
		Duration forgetAfter = this.settings.forgetAfter();
		this.counters.push(BY_ACCOUNT + key(email), now, kept(this.settings.accountFailures()), forgetAfter);
		this.counters.push(BY_ADDRESS + address, now, kept(this.settings.ipFailures()), forgetAfter);
	}

	void succeeded(@Nullable String email) {
		this.counters.forget(BY_ACCOUNT + key(email));
	}

	private Duration remaining(List<String> failures, int threshold, Instant now) {
		int count = failures.size();
		if (count == 0 || count < threshold) {
			return Duration.ZERO;
		}
		Duration delay = this.settings.firstDelay().multipliedBy(1L << Math.min(count - threshold, DOUBLINGS));
		if (delay.compareTo(this.settings.maxDelay()) > 0) {
			delay = this.settings.maxDelay();
		}
		Instant last = Instant.ofEpochMilli(Long.parseLong(failures.get(0)));
		return Duration.between(now, last.plus(delay));
	}

	private static int kept(int threshold) {
		return Math.max(threshold, 0) + DOUBLINGS + 1;
	}

	private static String key(@Nullable String email) {
		if (email == null) {
			return "";
		}
		String account = email.strip().toLowerCase(Locale.ROOT);
		return (account.length() > LONGEST_EMAIL) ? account.substring(0, LONGEST_EMAIL) : account;
	}

}
