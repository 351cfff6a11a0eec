package dev.mailgate.campaigns.internal;

/**
 * No SMTP server is configured, or it cannot be reached: a 503.
 */
class SmtpUnavailable extends RuntimeException {

	SmtpUnavailable(String detail) {
		super(detail);
	}

}
