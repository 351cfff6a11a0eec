package dev.mailgate.campaigns.internal;

import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import dev.mailgate.platform.SmtpSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JavaMailSmtpTests {

	@Test
	void oneConnectionCarriesSeveralMessagesAndARefusalNamesTheServersReply() throws Exception {
		try (RefusingSmtpServer server = new RefusingSmtpServer("gone@example.com")) {
			Smtp smtp = new JavaMailSmtp(new SmtpSettings("127.0.0.1", server.port(), null, null, false, "x@y"));
			try (Smtp.Connection connection = smtp.connect()) {
				connection.send(message(smtp, "ada@example.com"));
				assertThatExceptionOfType(SendFailedException.class)
					.isThrownBy(() -> connection.send(message(smtp, "gone@example.com")))
					.satisfies((ex) -> assertThat(SmtpReply.of(ex))
						.isEqualTo(new SmtpReply(550, RefusingSmtpServer.REPLY)));
				connection.send(message(smtp, "grace@example.com"));
			}
			assertThat(server.delivered).containsExactly("ada@example.com", "grace@example.com");
		}
	}

	private static MimeMessage message(Smtp smtp, String to) throws Exception {
		MimeMessage message = new MimeMessage(smtp.session());
		message.setFrom(new InternetAddress("news@bakery.example"));
		message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
		message.setSubject("Hello");
		message.setText("Hi");
		message.saveChanges();
		return message;
	}

}
