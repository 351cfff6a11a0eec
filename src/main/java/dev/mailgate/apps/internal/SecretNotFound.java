package dev.mailgate.apps.internal;

import dev.mailgate.apps.SecretId;

class SecretNotFound extends RuntimeException {

	SecretNotFound(String clientId, SecretId secret) {
		super("App %s has no secret %s".formatted(clientId, secret));
	}

}
