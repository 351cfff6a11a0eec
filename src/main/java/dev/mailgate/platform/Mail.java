package dev.mailgate.platform;

import java.util.List;

/**
 * Plain-text email to people, through the SMTP server in {@code MAILGATE_SMTP_*}. Without
 * one configured, messages are not sent (and the log says so once); nothing else fails.
 */
public interface Mail {

	/**
	 * @return whether the message was handed to the SMTP server
	 */
	boolean send(List<String> to, String subject, String text);

}
