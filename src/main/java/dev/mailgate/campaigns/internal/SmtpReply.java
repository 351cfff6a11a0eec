package dev.mailgate.campaigns.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;

/**
 * What an SMTP server said when it refused a message: its reply, found in the chain of
 * exceptions JavaMail throws ({@code SMTPAddressFailedException} for {@code RCPT TO},
 * {@code SMTPSendFailedException} after {@code DATA}), whose message is the reply line.
 *
 * @param code the reply code, or 0 when the server gave none
 */
record SmtpReply(int code, String text) {

	private static final Pattern REPLY = Pattern.compile("^\\s*([2-5]\\d\\d)[ -]");

	/**
	 * The server's reply to a refused message.
	 */
	static SmtpReply of(SendFailedException ex) {
		for (Exception next = ex; next != null; next = (next instanceof MessagingException messaging)
				? messaging.getNextException() : null) {
			String message = (next.getMessage() != null) ? next.getMessage().strip() : "";
			Matcher code = REPLY.matcher(message);
			if (code.find()) {
				return new SmtpReply(Integer.parseInt(code.group(1)), message);
			}
		}
		return new SmtpReply(0, (ex.getMessage() != null) ? ex.getMessage() : "refused");
	}

	/**
	 * Whether the server refused the address for good (5xx, or a refusal it gave no code
	 * for): a bounce.
	 */
	boolean permanent() {
		return this.code == 0 || this.code >= 500;
	}

}
