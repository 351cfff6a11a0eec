package dev.mailgate.apps.internal;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

import dev.mailgate.apps.SecretId;

@ResponseStatus(HttpStatus.NOT_FOUND)
class SecretNotFound extends RuntimeException {

	SecretNotFound(String clientId, SecretId secret) {
		super("App %s has no secret %s".formatted(clientId, secret));
	}

}
