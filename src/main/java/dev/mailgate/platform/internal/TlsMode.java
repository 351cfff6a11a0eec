package dev.mailgate.platform.internal;

/**
 * How Mailgate serves HTTP, set with {@code mailgate.tls.mode}.
 */
enum TlsMode {

	/**
	 * HTTPS with a certificate for localhost that Mailgate creates in the data directory.
	 */
	SELF_SIGNED,

	/**
	 * HTTPS with the operator's certificate ({@code mailgate.tls.certificate} or a
	 * keystore).
	 */
	PROVIDED,

	/**
	 * Plain HTTP behind a TLS-terminating proxy whose {@code X-Forwarded-*} headers are
	 * trusted.
	 */
	PROXY

}
