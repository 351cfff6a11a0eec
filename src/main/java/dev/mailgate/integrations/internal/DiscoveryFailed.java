package dev.mailgate.integrations.internal;

/**
 * Discovery could not fill in a provider's endpoints; the message says why in words for
 * the operator (it never carries a secret: discovery has none).
 */
class DiscoveryFailed extends RuntimeException {

	DiscoveryFailed(String message) {
		super(message);
	}

}
