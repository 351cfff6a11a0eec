package dev.mailgate.webhooks.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Where webhooks may go: public {@code https} addresses only, so that a subscription
 * cannot make Mailgate call into its own network (SSRF). Checked when a subscription is
 * saved and again, after resolving the host, before every attempt (a name may point
 * elsewhere by then). Redirects are never followed.
 */
@Component
class Destinations {

	static final int MAX_URL = 2000;

	private final WebhooksProperties properties;

	Destinations(WebhooksProperties properties) {
		this.properties = properties;
	}

	/**
	 * Checks a URL given for a subscription.
	 * @throws InvalidWebhook naming {@code url} when it breaks a rule
	 */
	URI parse(String url) {
		if (url.isBlank() || url.length() > MAX_URL) {
			throw new InvalidWebhook("url", "an https URL of at most %d characters is required".formatted(MAX_URL));
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw new InvalidWebhook("url", "'%s' is not a URL".formatted(url));
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = uri.getHost();
		if (host == null || !uri.isAbsolute() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			throw new InvalidWebhook("url", "must be an absolute https URL without user info or fragment");
		}
		boolean loopbackName = isLoopbackName(host);
		if (!scheme.equals("https") && !(scheme.equals("http") && loopbackName && this.properties.allowLoopback())) {
			throw new InvalidWebhook("url", "must use https");
		}
		if (loopbackName && !this.properties.allowLoopback()) {
			throw new InvalidWebhook("url", "must not point to this server (localhost)");
		}
		try {
			check(uri);
		}
		catch (Blocked ex) {
			throw new InvalidWebhook("url", ex.getMessage());
		}
		catch (UnknownHostException ex) {
			// a name that does not resolve yet may later: checked again before each
			// attempt
		}
		return uri;
	}

	/**
	 * Resolves the URL's host and refuses it when any of its addresses is private,
	 * loopback (unless allowed), link-local or otherwise not public.
	 */
	void check(URI uri) throws Blocked, UnknownHostException {
		String host = uri.getHost();
		if (host == null) {
			throw new Blocked("the URL has no host");
		}
		for (InetAddress address : InetAddress.getAllByName(unbracketed(host))) {
			if (address.isLoopbackAddress() && this.properties.allowLoopback()) {
				continue;
			}
			if (!isPublic(address)) {
				throw new Blocked("must not point to a private, loopback or link-local address (%s resolves to %s)"
					.formatted(host, address.getHostAddress()));
			}
		}
	}

	static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address) {
			// unique local addresses fc00::/7
			return (bytes[0] & 0xFE) != 0xFC;
		}
		int first = bytes[0] & 0xFF;
		int second = bytes[1] & 0xFF;
		// 0.0.0.0/8, shared address space 100.64.0.0/10 (RFC 6598), 198.18.0.0/15,
		// 240.0.0.0/4
		return first != 0 && !(first == 100 && second >= 64 && second < 128)
				&& !(first == 198 && second >= 18 && second < 20) && first < 240;
	}

	private static boolean isLoopbackName(String host) {
		String name = unbracketed(host).toLowerCase(Locale.ROOT);
		return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("::1");
	}

	private static String unbracketed(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	/**
	 * The destination is not a public address.
	 */
	static final class Blocked extends Exception {

		Blocked(String message) {
			super(message, null, false, false);
		}

	}

}
