package dev.mailgate.campaigns.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import dev.mailgate.platform.SmtpSettings;

import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * {@link Smtp} through Spring Mail's {@link JavaMailSenderImpl}, configured by
 * {@code mailgate.smtp.*} like every other mail of Mailgate: its session, and its
 * transport held open for a whole batch.
 */
@Component
class JavaMailSmtp implements Smtp {

	private final boolean configured;

	private final JavaMailSenderImpl sender;

	JavaMailSmtp(SmtpSettings settings) {
		this.configured = settings.configured();
		this.sender = settings.sender();
	}

	@Override
	public boolean configured() {
		return this.configured;
	}

	@Override
	public Session session() {
		return this.sender.getSession();
	}

	@Override
	public Connection connect() throws MessagingException {
		String protocol = this.sender.getProtocol();
		Transport transport = this.sender.getSession().getTransport((protocol != null) ? protocol : "smtp");
		transport.connect(this.sender.getHost(), this.sender.getPort(), this.sender.getUsername(),
				this.sender.getPassword());
		return new Connection() {

			@Override
			public void send(MimeMessage message) throws MessagingException {
				transport.sendMessage(message, message.getAllRecipients());
			}

			@Override
			public void close() {
				try {
					transport.close();
				}
				catch (MessagingException ex) {
					// the messages are handed over; a failed QUIT changes nothing
				}
			}

		};
	}

}
