package dev.mailgate.accounts.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code mailgate.accounts.*} settings.
 *
 * @param passwordMinLength the fewest characters a chosen password may have
 * @param signIn how repeated failed sign-ins slow down
 */
@ConfigurationProperties("mailgate.accounts")
record AccountsProperties(@DefaultValue("12") int passwordMinLength, @DefaultValue SignIn signIn) {

	/**
	 * After {@code accountFailures} failed sign-ins for one account, or
	 * {@code ipFailures} from one IP address, each further attempt must wait:
	 * {@code firstDelay}, then twice as long after every further failure, up to
	 * {@code maxDelay}. Failures are forgotten {@code forgetAfter} the last one, and a
	 * successful sign-in clears the account's.
	 */
	record SignIn(@DefaultValue("5") int accountFailures, @DefaultValue("20") int ipFailures,
			@DefaultValue("15s") Duration firstDelay, @DefaultValue("15m") Duration maxDelay,
			@DefaultValue("1h") Duration forgetAfter) {
	}

}
