package dev.mailgate.campaigns.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * The SMTP server campaigns go to: a session to build messages in, and connections that
 * each carry a batch of them.
 */
interface Smtp {

	boolean configured();

	Session session();

	Connection connect() throws MessagingException;

	/**
	 * One SMTP connection.
	 */
	interface Connection extends AutoCloseable {

		/**
		 * Hands one message to the server for its recipients.
		 * @throws jakarta.mail.SendFailedException when the server refuses the recipient
		 */
		void send(MimeMessage message) throws MessagingException;

		@Override
		void close();

	}

}
