package dev.mailgate.apps;

/**
 * The kind of access token an app receives.
 */
public enum TokenFormat {

	/** {@code mga_…}: opaque, checked by Mailgate on every request, revocable at once. */
	OPAQUE,

	/**
	 * An RFC 9068 JWT signed ES256, for resource servers that validate tokens offline.
	 */
	JWT

}
