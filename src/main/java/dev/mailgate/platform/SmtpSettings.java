package dev.mailgate.platform;

import java.util.Properties;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The SMTP server every message of Mailgate goes through ({@code mailgate.smtp.*}, such
 * as {@code MAILGATE_SMTP_HOST}): notifications to people and campaigns alike.
 *
 * @param host the server; without one, nothing is sent
 * @param starttls whether to require STARTTLS before authenticating
 * @param from the sender of notifications, and the default sender of campaigns
 */
@ConfigurationProperties("mailgate.smtp")
public record SmtpSettings(@Nullable String host, @DefaultValue("587") int port, @Nullable String username,
		@Nullable String password, @DefaultValue("true") boolean starttls,
		@DefaultValue("Mailgate <no-reply@localhost>") String from) {

	/**
	 * Whether a server is configured.
	 */
	public boolean configured() {
		return this.host != null && !this.host.isBlank();
	}

	/**
	 * A sender for this server, with the settings' credentials and STARTTLS, and short
	 * timeouts so that a dead server fails a send instead of hanging it.
	 */
	public JavaMailSenderImpl sender() {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost(this.host);
		sender.setPort(this.port);
		sender.setUsername(this.username);
		sender.setPassword(this.password);
		Properties properties = sender.getJavaMailProperties();
		properties.put("mail.smtp.starttls.enable", String.valueOf(this.starttls));
		properties.put("mail.smtp.starttls.required", String.valueOf(this.starttls));
		properties.put("mail.smtp.auth", String.valueOf(this.username != null));
		properties.put("mail.smtp.connectiontimeout", "5000");
		properties.put("mail.smtp.timeout", "10000");
		return sender;
	}

	@Override
	public String toString() {
		// never the password
		return "SmtpSettings[host=%s, port=%d, username=%s, starttls=%s]".formatted(this.host, this.port, this.username,
				this.starttls);
	}

}
