package dev.mailgate.platform.internal;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.mailgate.platform.Mail;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * {@link Mail} over SMTP, configured by {@code mailgate.smtp.*}.
 */
@Component
class SmtpMail implements Mail {

	private static final Log log = LogFactory.getLog(SmtpMail.class);

	private final Settings settings;

	private final @Nullable JavaMailSenderImpl sender;

	private final AtomicBoolean warned = new AtomicBoolean();

	SmtpMail(Settings settings) {
		this.settings = settings;
		this.sender = (settings.host() == null || settings.host().isBlank()) ? null : sender(settings);
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

	private static JavaMailSenderImpl sender(Settings settings) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost(settings.host());
		sender.setPort(settings.port());
		sender.setUsername(settings.username());
		sender.setPassword(settings.password());
		Properties properties = sender.getJavaMailProperties();
		properties.put("mail.smtp.starttls.enable", String.valueOf(settings.starttls()));
		properties.put("mail.smtp.starttls.required", String.valueOf(settings.starttls()));
		properties.put("mail.smtp.auth", String.valueOf(settings.username() != null));
		properties.put("mail.smtp.connectiontimeout", "5000");
		properties.put("mail.smtp.timeout", "10000");
		return sender;
	}

	/**
	 * The {@code mailgate.smtp.*} settings.
	 */
	@ConfigurationProperties("mailgate.smtp")
	record Settings(@Nullable String host, @DefaultValue("587") int port, @Nullable String username,
			@Nullable String password, @DefaultValue("true") boolean starttls,
			@DefaultValue("Mailgate <no-reply@localhost>") String from) {
	}

}
