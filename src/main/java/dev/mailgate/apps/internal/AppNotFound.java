package dev.mailgate.apps.internal;

class AppNotFound extends RuntimeException {

	AppNotFound(String clientId) {
		super("There is no app %s in this workspace".formatted(clientId));
	}

}
