package dev.mailgate.accounts.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Slows down guessing: counts failed sign-ins per account and per IP address and, past a
 * threshold, makes each next attempt wait twice as long as the one before.
 */
@Component
class SignInThrottle {

	private final AccountsProperties.SignIn settings;

	private final Clock clock;

	private final Cache<String, Failures> byAccount;

	private final Cache<String, Failures> byAddress;

	SignInThrottle(AccountsProperties properties, Clock clock) {
		this.settings = properties.signIn();
		this.clock = clock;
		this.byAccount = Caffeine.newBuilder()
			.expireAfterWrite(this.settings.forgetAfter())
			.maximumSize(100_000)
			.build();
		this.byAddress = Caffeine.newBuilder()
			.expireAfterWrite(this.settings.forgetAfter())
			.maximumSize(100_000)
			.build();
	}

	/**
	 * How long a sign-in for this account from this address must still wait, if at all.
	 */
	Optional<Duration> waitFor(@Nullable String email, String address) {
		Instant now = this.clock.instant();
		Duration account = remaining(this.byAccount.getIfPresent(key(email)), now);
		Duration ip = remaining(this.byAddress.getIfPresent(address), now);
		Duration longest = (account.compareTo(ip) >= 0) ? account : ip;
		return (!longest.isNegative() && !longest.isZero()) ? Optional.of(longest) : Optional.empty();
	}

	void failed(@Nullable String email, String address) {
		Instant now = this.clock.instant();
		this.byAccount.asMap().compute(key(email), (k, old) -> count(old, now, this.settings.accountFailures()));
		this.byAddress.asMap().compute(address, (k, old) -> count(old, now, this.settings.ipFailures()));
	}

	void succeeded(@Nullable String email) {
		this.byAccount.invalidate(key(email));
	}

	private Failures count(@Nullable Failures old, Instant now, int threshold) {
		int count = (old != null) ? old.count() + 1 : 1;
		if (count < threshold) {
			return new Failures(count, null);
		}
		Duration delay = this.settings.firstDelay().multipliedBy(1L << Math.min(count - threshold, 20));
		if (delay.compareTo(this.settings.maxDelay()) > 0) {
			delay = this.settings.maxDelay();
		}
		return new Failures(count, now.plus(delay));
	}

	private static Duration remaining(@Nullable Failures failures, Instant now) {
		if (failures == null || failures.blockedUntil() == null) {
			return Duration.ZERO;
		}
		return Duration.between(now, failures.blockedUntil());
	}

	private static String key(@Nullable String email) {
		return (email != null) ? email.strip().toLowerCase(Locale.ROOT) : "";
	}

	private record Failures(int count, @Nullable Instant blockedUntil) {
	}

}
