package dev.mailgate.apps;

/**
 * An app may hold at most three active secrets; revoke one before creating another.
 */
public class TooManySecrets extends RuntimeException {

	public TooManySecrets(String clientId, int limit) {
		super("App %s has %d active secrets already, the most it may have; revoke one first".formatted(clientId,
				limit));
	}

}
