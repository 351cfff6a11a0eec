package dev.mailgate.apps;

/**
 * A public app (a single-page or native app) cannot keep a secret, so it has none.
 */
public class AppIsPublic extends RuntimeException {

	public AppIsPublic(String clientId) {
		super("App %s is a public client and has no client secrets".formatted(clientId));
	}

}
