package dev.mailgate.platform;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;

/**
 * HTTP Basic client authentication as RFC 6749 §2.3.1 defines it: the client id and the
 * secret are each form-encoded ({@code application/x-www-form-urlencoded}) before they
 * are joined and Base64-encoded, so that a {@code :} or a non-ASCII character in either
 * reaches the authorization server intact. For every client of a token endpoint in
 * Mailgate: the command line, the revocation of a connection at a provider, the class
 * data sharing training.
 */
public final class ClientSecretBasic {

	private ClientSecretBasic() {
	}

	/**
	 * @return the {@code Authorization} header's value, {@code Basic} included
	 */
	public static String authorization(String clientId, String clientSecret) {
		return "Basic " + HttpHeaders.encodeBasicAuth(URLEncoder.encode(clientId, StandardCharsets.UTF_8),
				URLEncoder.encode(clientSecret, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
	}

}
