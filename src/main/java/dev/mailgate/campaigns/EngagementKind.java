package dev.mailgate.campaigns;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a recipient did with (or what happened to) a campaign's message.
 */
public enum EngagementKind {

	SENT, DELIVERED, BOUNCED, OPENED, CLICKED, UNSUBSCRIBED, COMPLAINED;

	/**
	 * The name the API and webhooks use: {@code sent}, {@code opened}, ...
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<EngagementKind> of(String value) {
		return Arrays.stream(values()).filter((kind) -> kind.value().equals(value)).findFirst();
	}

}
