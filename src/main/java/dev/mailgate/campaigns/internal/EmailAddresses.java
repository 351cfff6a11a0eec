package dev.mailgate.campaigns.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Checks the addresses a campaign is sent from, replied to and tested with: one plain
 * address ({@code news@bakery.example}), no display name, no list.
 */
final class EmailAddresses {

	private static final Pattern DOMAIN = Pattern
		.compile("(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");

	private EmailAddresses() {
	}

	/**
	 * The address trimmed, if it is one.
	 */
	static Optional<String> parse(String raw) {
		String email = raw.strip();
		int at = email.lastIndexOf('@');
		if (at <= 0 || email.length() > 254 || email.indexOf('@') != at
				|| !DOMAIN.matcher(email.substring(at + 1).toLowerCase(Locale.ROOT)).matches()) {
			return Optional.empty();
		}
		try {
			InternetAddress address = new InternetAddress(email, true);
			address.validate();
			return email.equals(address.getAddress()) ? Optional.of(email) : Optional.empty();
		}
		catch (AddressException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The address part of {@code "Name <address>"} or of a bare address.
	 */
	static String addressOf(String mailbox) {
		try {
			return new InternetAddress(mailbox, false).getAddress();
		}
		catch (AddressException ex) {
			return mailbox.strip();
		}
	}

}
