package dev.mailgate.oauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The client id a request to an OAuth endpoint names, before anything checks it: the user
 * name of HTTP Basic (form-urlencoded, RFC 6749 §2.3.1) or the {@code client_id}
 * parameter, cut at 200 characters. The authorization server reports failed client
 * authentications with it, and the rate limits count them by it.
 */
public final class ClaimedClient {

	private static final int LONGEST_CLIENT_ID = 200;

	private ClaimedClient() {
	}

	public static @Nullable String of(HttpServletRequest request) {
		String clientId = null;
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			clientId = fromBasic(authorization.substring(6).trim());
		}
		if (clientId == null) {
			clientId = request.getParameter("client_id");
		}
		if (clientId == null || clientId.isBlank()) {
			return null;
		}
		return (clientId.length() > LONGEST_CLIENT_ID) ? clientId.substring(0, LONGEST_CLIENT_ID) : clientId;
	}

	private static @Nullable String fromBasic(String credentials) {
		try {
			String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return URLDecoder.decode((colon >= 0) ? decoded.substring(0, colon) : decoded, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
