package dev.mailgate.oauth.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code MAILGATE_ISSUER}: the external base URL, exactly as clients reach Mailgate. It
 * is the {@code issuer} of the metadata (RFC 8414 §2) and of every token.
 */
@ConfigurationProperties("mailgate")
record IssuerProperties(@DefaultValue("https://localhost:8443") String issuer) {

	String trimmed() {
		return this.issuer.replaceAll("/+$", "");
	}

}
