package dev.mailgate.integrations.internal;

/**
 * No provider has the id in the address (removed, or mistyped).
 */
class ProviderNotFound extends RuntimeException {

	ProviderNotFound(String id) {
		super("No provider %s".formatted(id));
	}

}
