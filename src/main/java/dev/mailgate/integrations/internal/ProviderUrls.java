package dev.mailgate.integrations.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The rule for a provider's addresses (issuer, endpoints, API): absolute {@code https}
 * URLs without user info or fragment, so that client secrets and tokens never travel in
 * clear. Plain {@code http} only to a loopback host, and only when
 * {@code mailgate.integrations.allow-loopback} is on (tests, another Mailgate on the same
 * machine).
 */
@Component
class ProviderUrls {

	static final int MAX_LENGTH = 500;

	private final IntegrationsProperties properties;

	ProviderUrls(IntegrationsProperties properties) {
		this.properties = properties;
	}

	/**
	 * @return what is wrong with the URL, in words for the operator, or empty when it is
	 * fine
	 */
	Optional<String> problem(@Nullable String url) {
		if (url == null || url.isBlank()) {
			return Optional.of("Enter a URL.");
		}
		if (url.strip().length() > MAX_LENGTH) {
			return Optional.of("Use at most %d characters.".formatted(MAX_LENGTH));
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			return Optional.of("This is not a URL.");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
				|| uri.getRawFragment() != null) {
			return Optional.of("Enter a full address such as https://login.example.com, without a # part.");
		}
		boolean loopback = isLoopback(uri.getHost()) && this.properties.allowLoopback();
		if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
			return Optional.of("Use an https:// address: secrets and tokens must not travel in clear.");
		}
		return Optional.empty();
	}

	boolean acceptable(@Nullable String url) {
		return problem(url).isEmpty();
	}

	private static boolean isLoopback(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]") || name.equals("::1");
	}

}
