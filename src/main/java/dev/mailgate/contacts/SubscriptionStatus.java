package dev.mailgate.contacts;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a contact receives campaigns: {@code subscribed} does; {@code unsubscribed}
 * asked not to; {@code cleaned} bounced for good; {@code pending} has not confirmed yet.
 */
public enum SubscriptionStatus {

	SUBSCRIBED, UNSUBSCRIBED, CLEANED, PENDING;

	/**
	 * The name the API and CSV files use.
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<SubscriptionStatus> parse(String value) {
		for (SubscriptionStatus status : values()) {
			if (status.value().equals(value.strip().toLowerCase(Locale.ROOT))) {
				return Optional.of(status);
			}
		}
		return Optional.empty();
	}

}
