package dev.mailgate.apps;

/**
 * An app's metadata broke a rule; the message says which field and why.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc7591#section-3.2.2">RFC 7591
 * §3.2.2</a>
 */
public class InvalidAppMetadata extends RuntimeException {

	private final boolean redirectUri;

	public InvalidAppMetadata(String message, boolean redirectUri) {
		super(message);
		this.redirectUri = redirectUri;
	}

	/**
	 * Whether the problem is with a redirect URI ({@code invalid_redirect_uri}) rather
	 * than other metadata ({@code invalid_client_metadata}).
	 */
	public boolean aboutRedirectUri() {
		return this.redirectUri;
	}

}
