package dev.mailgate.platform.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.mailgate.platform.Mail;
import dev.mailgate.platform.SmtpSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * {@link Mail} over SMTP, configured by {@code mailgate.smtp.*} ({@link SmtpSettings}).
 */
@Component
class SmtpMail implements Mail {

	private static final Log log = LogFactory.getLog(SmtpMail.class);

	private final SmtpSettings settings;

	private final @Nullable JavaMailSenderImpl sender;

	private final AtomicBoolean warned = new AtomicBoolean();

	SmtpMail(SmtpSettings settings) {
		this.settings = settings;
		this.sender = settings.configured() ? settings.sender() : null;
	}

	@Override
	public boolean send(List<String> to, String subject, String text) {
		if (this.sender == null) {
			if (this.warned.compareAndSet(false, true)) {
				log.warn("Email is off: set MAILGATE_SMTP_HOST to send notifications");
			}
			return false;
		}
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.settings.from());
		message.setTo(to.toArray(String[]::new));
		message.setSubject(subject);
		message.setText(text);
		try {
			this.sender.send(message);
			return true;
		}
		catch (MailException ex) {
			log.warn("Could not send \"" + subject + "\" to " + to.size() + " recipient(s): " + ex.getMessage());
			return false;
		}
	}

}
